import { describe, expect, it } from "vitest";
import { checkAdMessage, composeSmsAd, LMS_MAX_BYTES, SMS_MAX_BYTES, smsKind } from "./ad-message.ts";

const ctx = { sender: "단골마트", optOut080: "080-123-4567" };

describe("composeSmsAd", () => {
  it("puts (광고) and the sender first and the free 080 opt-out on the last line", () => {
    expect(composeSmsAd({ body: "  주말 특가 20% 할인 ", sender: "단골마트", optOut080: "080-123-4567" })).toBe(
      "(광고)단골마트\n주말 특가 20% 할인\n무료수신거부 080-123-4567",
    );
  });

  it("composes a text that passes its own check", () => {
    const text = composeSmsAd({ body: "신선식품 1+1", ...ctx });
    expect(checkAdMessage("SMS", text, ctx)).toEqual([]);
  });
});

describe("checkAdMessage (SMS)", () => {
  it("wants (광고) at the very start: not after a space, not spelled another way", () => {
    const rest = "단골마트\n할인\n무료수신거부 080-123-4567";
    expect(checkAdMessage("SMS", ` (광고)${rest}`, ctx)).toContain("missing_ad_label");
    expect(checkAdMessage("SMS", `(광 고)${rest}`, ctx)).toContain("missing_ad_label");
    expect(checkAdMessage("SMS", `[광고]${rest}`, ctx)).toContain("missing_ad_label");
    expect(checkAdMessage("SMS", `안녕하세요 (광고)${rest}`, ctx)).toContain("missing_ad_label");
  });

  it("wants the sender on the first line, right after the label", () => {
    expect(checkAdMessage("SMS", "(광고)\n단골마트 할인\n무료수신거부 080-123-4567", ctx)).toEqual([
      "sender_not_named",
    ]);
    expect(checkAdMessage("SMS", "(광고) [단골마트] 할인\n무료수신거부 080-123-4567", ctx)).toEqual([]);
  });

  it("does not let (광고) itself count as the sender name", () => {
    expect(checkAdMessage("SMS", "(광고)할인\n080-123-4567", { sender: "광고" })).toEqual(["sender_not_named"]);
  });

  it("treats an empty sender name as not named", () => {
    expect(checkAdMessage("SMS", "(광고)할인\n080-123-4567", { sender: "  " })).toEqual(["sender_not_named"]);
  });

  it("wants an 080 number, and the configured one when given (dashes do not matter)", () => {
    expect(checkAdMessage("SMS", "(광고)단골마트 할인", ctx)).toEqual(["missing_080_optout"]);
    expect(checkAdMessage("SMS", "(광고)단골마트 할인\n수신거부 02-123-4567", ctx)).toEqual(["missing_080_optout"]);
    expect(checkAdMessage("SMS", "(광고)단골마트 할인\n무료수신거부 080-999-0000", ctx)).toEqual([
      "missing_080_optout",
    ]);
    expect(checkAdMessage("SMS", "(광고)단골마트 할인\n무료수신거부 0801234567", ctx)).toEqual([]);
    expect(checkAdMessage("SMS", "(광고)단골마트 할인\n무료수신거부 080-999-0000", { sender: "단골마트" })).toEqual([]);
    expect(checkAdMessage("SMS", "(광고)단골마트 할인\n무료수신거부 080 123 4567", ctx)).toEqual([]);
  });

  it("does not read an 080 inside a longer number as the opt-out", () => {
    expect(checkAdMessage("SMS", "(광고)단골마트 주문번호 10801234567", { sender: "단골마트" })).toEqual([
      "missing_080_optout",
    ]);
  });

  it("lists every violation in a fixed order", () => {
    expect(checkAdMessage("SMS", "할인합니다", ctx)).toEqual([
      "missing_ad_label",
      "sender_not_named",
      "missing_080_optout",
    ]);
  });

  it("refuses an e-mail shaped content for SMS", () => {
    // biome-ignore lint/suspicious/noExplicitAny: the overloads forbid this; a caller without types could still do it
    expect(() => checkAdMessage("SMS" as any, { subject: "x", html: "y" } as any, ctx)).toThrow(TypeError);
  });
});

describe("checkAdMessage (EMAIL)", () => {
  const url = "https://dangol.example/unsubscribe";
  const good = {
    subject: "(광고) 주말 특가 안내",
    html: `<p>단골마트 주말 특가</p><p><a href="${url}?t=abc&amp;c=7">수신거부</a></p>`,
  };

  it("accepts a labelled subject, a named sender and the unsubscribe link", () => {
    expect(checkAdMessage("EMAIL", good, { sender: "단골마트", unsubscribeUrl: url })).toEqual([]);
  });

  it("wants (광고) at the very start of the subject", () => {
    expect(checkAdMessage("EMAIL", { ...good, subject: "주말 특가 (광고)" }, { sender: "단골마트" })).toEqual([
      "subject_missing_ad_label",
    ]);
  });

  it("looks for the sender in the visible text, not inside tags or attributes", () => {
    const html = `<img alt="단골마트"><a href="${url}">수신거부</a>`;
    expect(checkAdMessage("EMAIL", { ...good, html }, { sender: "단골마트" })).toEqual(["sender_not_named"]);
  });

  it("wants a link to the configured unsubscribe address when one is given", () => {
    const html = `<p>단골마트</p><a href="https://elsewhere.example/">수신거부</a>`;
    expect(checkAdMessage("EMAIL", { ...good, html }, { sender: "단골마트", unsubscribeUrl: url })).toEqual([
      "missing_unsubscribe_link",
    ]);
  });

  it("accepts any link labelled 수신거부 or pointing at an unsubscribe address when none is configured", () => {
    const labelled = `<p>단골마트</p><a href="https://x.example/r/1"><b>수신 거부</b></a>`;
    const byHref = `<p>단골마트</p><a class="f" href='https://x.example/Unsubscribe?id=1'>click</a>`;
    expect(checkAdMessage("EMAIL", { ...good, html: labelled }, { sender: "단골마트" })).toEqual([]);
    expect(checkAdMessage("EMAIL", { ...good, html: byHref }, { sender: "단골마트" })).toEqual([]);
  });

  it("does not take the words 수신거부 without a link for an unsubscribe link", () => {
    const html = "<p>단골마트</p><p>수신거부는 고객센터로</p>";
    expect(checkAdMessage("EMAIL", { ...good, html }, { sender: "단골마트" })).toEqual(["missing_unsubscribe_link"]);
  });
});

describe("smsKind", () => {
  it("counts ASCII as 1 byte and Hangul as 2", () => {
    expect(smsKind("")).toEqual({ bytes: 0, kind: "SMS" });
    expect(smsKind("abc 123\n")).toEqual({ bytes: 8, kind: "SMS" });
    expect(smsKind("(광고)")).toEqual({ bytes: 6, kind: "SMS" });
    expect(smsKind("한글")).toEqual({ bytes: 4, kind: "SMS" });
  });

  it("counts an emoji (two UTF-16 units) as one 2-byte character", () => {
    expect(smsKind("😀").bytes).toBe(2);
  });

  it("switches to LMS past 90 bytes", () => {
    expect(smsKind("가".repeat(45))).toEqual({ bytes: SMS_MAX_BYTES, kind: "SMS" });
    expect(smsKind(`${"가".repeat(45)}a`)).toEqual({ bytes: 91, kind: "LMS" });
    expect(smsKind("a".repeat(90)).kind).toBe("SMS");
  });

  it("is too long past 2,000 bytes", () => {
    expect(smsKind("가".repeat(1_000))).toEqual({ bytes: LMS_MAX_BYTES, kind: "LMS" });
    expect(smsKind(`${"가".repeat(1_000)}a`)).toEqual({ bytes: 2_001, kind: "TOO_LONG" });
  });
});
