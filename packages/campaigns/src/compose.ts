import {
  AD_LABEL,
  type CampaignChannelContent,
  type CampaignOffer,
  type CampaignSettings,
  composeSmsAd,
  type MergeField,
} from "@dangol/domain";

/** One recipient's message as a provider receives it. */
export type ComposedMessage = { subject?: string; body: string; html?: string };

export type Recipient = {
  name: string | null;
  tierName: string | null;
  storeName: string | null;
  couponCode: string | null;
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * The merge fields filled for one recipient. A missing value gets a neutral word rather than an
 * empty gap ("고객님" reads naturally where the name is unknown); the definition's schema already
 * refused {{coupon}} and {{points}} without their offer.
 */
function mergeValues(recipient: Recipient, offer: CampaignOffer, senderName: string): Record<MergeField, string> {
  return {
    name: recipient.name?.trim() || "고객",
    tier: recipient.tierName ?? "회원",
    store: recipient.storeName ?? senderName,
    coupon: offer.kind === "coupon" ? (recipient.couponCode ?? offer.code ?? "") : "",
    points: offer.kind === "points" ? offer.points.toLocaleString("ko-KR") : "",
  };
}

function merge(text: string, values: Record<MergeField, string>, encode: (s: string) => string): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => encode(values[name as MergeField] ?? ""));
}

/**
 * The ad exactly as the customer gets it, with what the law asks (정보통신망법 §50): the (광고)
 * label, the sender's name and number, and the free opt-out — an 080 number in texts, an
 * unsubscribe link in mail. DM letters and TM scripts are merged only: the letter's layout and the
 * caller's opening are the vendor's and the call centre's.
 */
export function composeMessage(
  content: CampaignChannelContent,
  offer: CampaignOffer,
  recipient: Recipient,
  settings: Pick<CampaignSettings, "senderName" | "senderPhone" | "optOut080">,
  unsubscribeUrl: string | null,
): ComposedMessage {
  const values = mergeValues(recipient, offer, settings.senderName);
  const plain = (t: string) => merge(t, values, (s) => s);
  switch (content.channel) {
    case "SMS":
      return {
        body: composeSmsAd({
          body: plain(content.text),
          sender: `${settings.senderName} ${settings.senderPhone}`,
          optOut080: settings.optOut080,
        }),
      };
    case "EMAIL": {
      const subject = plain(content.subject);
      const footer =
        `<hr><p style="font-size:12px;color:#666">${escapeHtml(settings.senderName)} · ${escapeHtml(settings.senderPhone)}<br>` +
        `본 메일은 광고성 정보 수신에 동의하신 분께 발송되었습니다. ` +
        (unsubscribeUrl ? `<a href="${escapeHtml(unsubscribeUrl)}">수신거부 (unsubscribe)</a>` : "") +
        "</p>";
      const html = merge(content.html, values, escapeHtml) + footer;
      return {
        subject: subject.startsWith(AD_LABEL) ? subject : `${AD_LABEL} ${subject}`,
        html,
        body: html
          .replace(/<[^>]*>/g, " ")
          .replace(/\s+/g, " ")
          .trim(),
      };
    }
    case "DM":
      return { body: plain(content.template) };
    case "TM":
      return { body: plain(content.script) };
  }
}
