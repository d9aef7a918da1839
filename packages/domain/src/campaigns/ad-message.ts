/**
 * Korean advertising-message rules (정보통신망법 §50④, 시행령 §61 and its table) for the channels
 * that carry ad text. An SMS ad starts with "(광고)" followed straight away by the sender's name, and
 * ends with a free way to opt out (an 080 number). An e-mail ad's subject starts with "(광고)" and
 * its body names the sender and carries an unsubscribe link. "(광고)" must be written exactly so:
 * variants such as "(광 고)" or "[광고]" are what spam filters are dodged with and count as missing.
 */

export const AD_LABEL = "(광고)";
export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2_000;

export const AD_MESSAGE_VIOLATIONS = [
  "missing_ad_label",
  "subject_missing_ad_label",
  "sender_not_named",
  "missing_080_optout",
  "missing_unsubscribe_link",
] as const;
export type AdMessageViolation = (typeof AD_MESSAGE_VIOLATIONS)[number];

export const AD_MESSAGE_VIOLATION_TEXT: Record<AdMessageViolation, { ko: string; en: string }> = {
  missing_ad_label: { ko: "문자는 맨 앞에 (광고)로 시작해야 합니다.", en: "The message must start with (광고)." },
  subject_missing_ad_label: {
    ko: "이메일 제목은 맨 앞에 (광고)로 시작해야 합니다.",
    en: "The e-mail subject must start with (광고).",
  },
  sender_not_named: { ko: "보내는 사람(회사명)이 표시되어야 합니다.", en: "The sender must be named." },
  missing_080_optout: {
    ko: "무료 수신거부 080 번호가 있어야 합니다.",
    en: "The message must carry the free 080 opt-out number.",
  },
  missing_unsubscribe_link: {
    ko: "이메일 본문에 수신거부 링크가 있어야 합니다.",
    en: "The e-mail body must carry an unsubscribe link.",
  },
};

export type AdContext = {
  /** the name customers know the sender by, e.g. "단골마트" */
  sender: string;
  /** when given, an SMS must carry this very number (digits compared, dashes ignored) */
  optOut080?: string;
  /** when given, an e-mail must link to this address (a per-recipient token may follow); otherwise any
   * link to an "unsubscribe" address or labelled 수신거부 counts */
  unsubscribeUrl?: string;
};

const OPT_OUT_080 = /(?<!\d)080[-. ]?\d{3,4}[-. ]?\d{4}(?!\d)/g;
const digits = (s: string) => s.replace(/\D/g, "");

/** The SMS ad as the law lays it out: label and sender first, the body, the free opt-out last. */
export function composeSmsAd(input: { body: string; sender: string; optOut080: string }): string {
  return `${AD_LABEL}${input.sender.trim()}\n${input.body.trim()}\n무료수신거부 ${input.optOut080.trim()}`;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? "";
}

function checkSms(text: string, ctx: AdContext): AdMessageViolation[] {
  const violations: AdMessageViolation[] = [];
  const labelled = text.startsWith(AD_LABEL);
  if (!labelled) violations.push("missing_ad_label");
  // The sender belongs right after the label, so it is looked for on the first line only.
  const head = firstLine(text).slice(labelled ? AD_LABEL.length : 0);
  if (!ctx.sender.trim() || !head.includes(ctx.sender.trim())) violations.push("sender_not_named");
  const numbers = (text.match(OPT_OUT_080) ?? []).map(digits);
  const wanted = ctx.optOut080 === undefined ? null : digits(ctx.optOut080);
  if (wanted === null ? numbers.length === 0 : !numbers.includes(wanted)) violations.push("missing_080_optout");
  return violations;
}

const ANCHOR = /<a\b[^>]*\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi;

function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

function hasUnsubscribeLink(html: string, url: string | undefined): boolean {
  for (const [, , href = "", label = ""] of html.matchAll(ANCHOR)) {
    const target = href.replace(/&amp;/g, "&");
    if (
      url !== undefined ? target.startsWith(url) : /unsubscribe/i.test(target) || /수신\s*거부/.test(visibleText(label))
    ) {
      return true;
    }
  }
  return false;
}

function checkEmail(mail: { subject: string; html: string }, ctx: AdContext): AdMessageViolation[] {
  const violations: AdMessageViolation[] = [];
  if (!mail.subject.startsWith(AD_LABEL)) violations.push("subject_missing_ad_label");
  if (!ctx.sender.trim() || !visibleText(mail.html).includes(ctx.sender.trim())) violations.push("sender_not_named");
  if (!hasUnsubscribeLink(mail.html, ctx.unsubscribeUrl)) violations.push("missing_unsubscribe_link");
  return violations;
}

/** Every rule the ad breaks, in AD_MESSAGE_VIOLATIONS order; empty when it may go out. */
export function checkAdMessage(channel: "SMS", text: string, ctx: AdContext): AdMessageViolation[];
export function checkAdMessage(
  channel: "EMAIL",
  mail: { subject: string; html: string },
  ctx: AdContext,
): AdMessageViolation[];
export function checkAdMessage(
  channel: "SMS" | "EMAIL",
  content: string | { subject: string; html: string },
  ctx: AdContext,
): AdMessageViolation[] {
  if (channel === "SMS") {
    if (typeof content !== "string") throw new TypeError("an SMS ad is plain text");
    return checkSms(content, ctx);
  }
  if (typeof content === "string") throw new TypeError("an e-mail ad has a subject and an HTML body");
  return checkEmail(content, ctx);
}

export type SmsKind = "SMS" | "LMS" | "TOO_LONG";

/**
 * Bytes as Korean carriers count them (EUC-KR / CP949): ASCII 1 byte, Hangul and every other
 * character 2. Count the whole composed text, label and opt-out line included. Characters CP949
 * cannot encode (emoji) are counted as 2 but may arrive garbled; this does not catch them.
 */
export function smsKind(text: string): { bytes: number; kind: SmsKind } {
  let bytes = 0;
  for (const ch of text) bytes += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  const kind: SmsKind = bytes <= SMS_MAX_BYTES ? "SMS" : bytes <= LMS_MAX_BYTES ? "LMS" : "TOO_LONG";
  return { bytes, kind };
}
