import { describe, expect, it } from "vitest";
import { addMonths, dayOf, isEvaluationDay, nextEvaluationDay, qualificationWindow } from "./evaluation-dates.ts";
import { downgradeRisk, migrationMatrix, upgradeCandidate } from "./movement.ts";
import { DEFAULT_TIER_RULES, evaluateTier, tierRulesSchema } from "./rules.ts";

const rules = tierRulesSchema.parse({
  upgradeWithinShare: 0.2,
  paceDays: 90,
  tiers: [
    { code: "VIP", name: "VIP", minSpend: 10_000_000, minVisits: 24 },
    { code: "GOLD", name: "골드", minSpend: 4_000_000, minVisits: 0 },
    { code: "FAMILY", name: "패밀리", minSpend: 0, minVisits: 0 },
  ],
});

describe("evaluateTier", () => {
  it("gives the best tier whose spend and visit minimums are both met", () => {
    expect(evaluateTier(10_000_000, 24, rules).code).toBe("VIP");
    expect(evaluateTier(12_000_000, 23, rules).code).toBe("GOLD");
    expect(evaluateTier(3_999_999, 100, rules).code).toBe("FAMILY");
    expect(evaluateTier(-50_000, 0, rules).code).toBe("FAMILY");
  });
});

describe("tierRulesSchema", () => {
  it("refuses thresholds that do not fall down the list and a fallback that asks for something", () => {
    const bad = tierRulesSchema.safeParse({
      tiers: [
        { code: "A", name: "A", minSpend: 100, minVisits: 0 },
        { code: "B", name: "B", minSpend: 100, minVisits: 0 },
        { code: "C", name: "C", minSpend: 0, minVisits: 1 },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["tiers.1.minSpend", "tiers.2"]);
  });

  it("accepts the defaults", () => {
    expect(DEFAULT_TIER_RULES.tiers.map((t) => t.code)).toEqual(["VVIP", "VIP", "GOLD", "SILVER", "FAMILY"]);
  });
});

describe("upgradeCandidate", () => {
  it("flags a customer within 20 % of the next threshold with the won gap", () => {
    expect(upgradeCandidate(8_500_000, 30, rules)).toEqual({
      currentCode: "GOLD",
      nextCode: "VIP",
      spendGap: 1_500_000,
      visitsGap: 0,
    });
    // 8,000,000 is exactly 80 % of 10,000,000: still within reach.
    expect(upgradeCandidate(8_000_000, 30, rules)?.spendGap).toBe(2_000_000);
    expect(upgradeCandidate(7_999_999, 30, rules)).toBeUndefined();
  });

  it("counts a spender short only of visits, and nobody above the top tier", () => {
    expect(upgradeCandidate(11_000_000, 20, rules)).toMatchObject({ nextCode: "VIP", spendGap: 0, visitsGap: 4 });
    expect(upgradeCandidate(50_000_000, 50, rules)).toBeUndefined();
  });
});

describe("downgradeRisk", () => {
  it("projects retained spend plus the recent pace to the next evaluation", () => {
    // 4,500,000 stays in the next window; 900,000 in the last 90 days, 30 days to go → +300,000.
    const risk = downgradeRisk(
      "VIP",
      { retainedSpend: 4_500_000, retainedVisits: 10, recentSpend: 900_000, recentVisits: 9, daysToEvaluation: 30 },
      rules,
    );
    expect(risk).toEqual({ atRisk: true, projectedSpend: 4_800_000, projectedVisits: 13, projectedCode: "GOLD" });
  });

  it("is not at risk when the projection keeps the held tier", () => {
    const risk = downgradeRisk(
      "GOLD",
      { retainedSpend: 3_000_000, retainedVisits: 5, recentSpend: 3_000_000, recentVisits: 5, daysToEvaluation: 45 },
      rules,
    );
    expect(risk.projectedSpend).toBe(4_500_000);
    expect(risk.atRisk).toBe(false);
  });
});

describe("migrationMatrix", () => {
  it("counts moves between two evaluations, with - for no tier", () => {
    const m = migrationMatrix(
      [
        { from: "GOLD", to: "VIP" },
        { from: "GOLD", to: "VIP" },
        { from: "VIP", to: "VIP" },
        { from: null, to: "FAMILY" },
        { from: "FAMILY", to: null },
      ],
      rules,
    );
    expect(m.codes).toEqual(["VIP", "GOLD", "FAMILY", "-"]);
    expect(m.counts.GOLD).toEqual({ VIP: 2, GOLD: 0, FAMILY: 0, "-": 0 });
    expect(m.counts.VIP?.VIP).toBe(1);
    expect(m.counts["-"]?.FAMILY).toBe(1);
    expect(m.counts.FAMILY?.["-"]).toBe(1);
  });
});

describe("evaluation dates", () => {
  const monthly = tierRulesSchema.parse({ ...rules, evaluationDay: 1 });
  const halfYearly = tierRulesSchema.parse({ ...rules, evaluationDay: 1, evaluationMonths: [1, 7] });

  it("finds the next evaluation day strictly after today", () => {
    expect(nextEvaluationDay(dayOf(2025, 3, 15), monthly)).toBe(dayOf(2025, 4, 1));
    expect(nextEvaluationDay(dayOf(2025, 4, 1), monthly)).toBe(dayOf(2025, 5, 1));
    expect(nextEvaluationDay(dayOf(2025, 8, 2), halfYearly)).toBe(dayOf(2026, 1, 1));
    expect(isEvaluationDay(dayOf(2025, 7, 1), halfYearly)).toBe(true);
    expect(isEvaluationDay(dayOf(2025, 6, 1), halfYearly)).toBe(false);
  });

  it("windows the twelve months before the evaluation day", () => {
    expect(qualificationWindow(dayOf(2025, 7, 1), monthly)).toEqual({
      from: dayOf(2024, 7, 1),
      to: dayOf(2025, 6, 30),
    });
    expect(addMonths(dayOf(2024, 3, 31), -1)).toBe(dayOf(2024, 2, 29));
  });
});
