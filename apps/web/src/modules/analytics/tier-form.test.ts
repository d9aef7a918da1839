import { DEFAULT_TIER_RULES } from "@dangol/domain/tiers";
import { describe, expect, it } from "vitest";
import { parseTierForm } from "./tier-form.ts";

function flat(rules = DEFAULT_TIER_RULES): Record<string, string> {
  const out: Record<string, string> = { windowMonths: String(rules.windowMonths), evaluationDay: "1" };
  rules.tiers.forEach((tier, i) => {
    out[`tiers.${i}.code`] = tier.code;
    out[`tiers.${i}.name`] = tier.name;
    out[`tiers.${i}.minSpend`] = tier.minSpend.toLocaleString("ko-KR");
    out[`tiers.${i}.minVisits`] = String(tier.minVisits);
  });
  return out;
}

describe("parseTierForm", () => {
  it("reads amounts typed with thousands separators and keeps the settings the form does not show", () => {
    const result = parseTierForm({ ...flat(), "tiers.1.minSpend": "₩12,000,000" }, DEFAULT_TIER_RULES);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.rules.tiers[1]?.minSpend).toBe(12_000_000);
      expect(result.rules.paceDays).toBe(DEFAULT_TIER_RULES.paceDays);
    }
  });

  it("names the field whose spend threshold is not below the tier above", () => {
    const result = parseTierForm({ ...flat(), "tiers.2.minSpend": "50000000" }, DEFAULT_TIER_RULES);
    expect(result).toEqual({ ok: false, fieldErrors: { "tiers.2.minSpend": ["spendOrder"] } });
  });

  it("reports a non-number and a negative visit count on their own fields", () => {
    const result = parseTierForm(
      { ...flat(), "tiers.0.minSpend": "lots", "tiers.1.minVisits": "-1" },
      DEFAULT_TIER_RULES,
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: { "tiers.0.minSpend": ["number"], "tiers.1.minVisits": ["negative"] },
    });
  });

  it("refuses a fallback tier that asks for visits", () => {
    const result = parseTierForm({ ...flat(), "tiers.4.minVisits": "2" }, DEFAULT_TIER_RULES);
    expect(result).toEqual({ ok: false, fieldErrors: { "tiers.4": ["fallback"] } });
  });

  it("drops blank extra rows and refuses an evaluation day past the 28th", () => {
    const result = parseTierForm({ ...flat(), "tiers.5.code": "", evaluationDay: "31" }, DEFAULT_TIER_RULES);
    expect(result).toEqual({ ok: false, fieldErrors: { evaluationDay: ["range"] } });
  });
});
