import { describe, expect, it } from "vitest";
import { commentFor } from "./schema-text.ts";

describe("analytics comments in the reader's language", () => {
  it("shows the Korean or the English half of a 'Korean / English' comment", () => {
    const comment = "영수증 (반품은 음수 금액) / Receipts (returns have negative amounts)";
    expect(commentFor(comment, "ko")).toBe("영수증 (반품은 음수 금액)");
    expect(commentFor(comment, "en")).toBe("Receipts (returns have negative amounts)");
  });

  it("keeps a comment whole when its only separators sit inside parentheses", () => {
    const comment = "ACTIVE, INFERRED (매출로만 알려짐 / known only from sales), WITHDRAWN (탈퇴 / left)";
    expect(commentFor(comment, "en")).toBe(comment);
    expect(commentFor(comment, "ko")).toBe(comment);
  });

  it("keeps a comment with no separator, and has nothing for no comment", () => {
    expect(commentFor("SALE 또는 RETURN", "en")).toBe("SALE 또는 RETURN");
    expect(commentFor(null, "ko")).toBeNull();
  });

  it("splits on the top-level separator even when a half has its own bracketed one", () => {
    expect(commentFor("고객 지표 (RFM / 생애주기) / Customer figures (RFM / lifecycle)", "en")).toBe(
      "Customer figures (RFM / lifecycle)",
    );
  });
});
