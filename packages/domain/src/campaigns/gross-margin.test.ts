import { describe, expect, it } from "vitest";
import { grossMargin, marginRateFor, marginRateLookup, marginRatesSchema } from "./gross-margin.ts";

// 대분류 F (food) > 중분류 F10 (fresh) > 소분류 F101 (vegetables), F102 (fruit); F20 (processed) > F201
// 대분류 H (household) > H10 > H101
const parentOf = new Map<string, string | null>([
  ["F", null],
  ["F10", "F"],
  ["F101", "F10"],
  ["F102", "F10"],
  ["F20", "F"],
  ["F201", "F20"],
  ["H", null],
  ["H10", "H"],
  ["H101", "H10"],
]);
const settings = { defaultRate: 0.2, rates: { F: 0.25, F10: 0.3, F102: 0.4 } };

describe("marginRateFor", () => {
  const { rates, defaultRate } = settings;

  it("uses the category's own rate first", () => {
    expect(marginRateFor("F102", ["F10", "F"], rates, defaultRate)).toBe(0.4);
  });

  it("inherits the nearest ancestor's rate, not a farther one's", () => {
    expect(marginRateFor("F101", ["F10", "F"], rates, defaultRate)).toBe(0.3);
    expect(marginRateFor("F201", ["F20", "F"], rates, defaultRate)).toBe(0.25);
  });

  it("falls back to the default without a rate anywhere up the tree, or for an unclassified line", () => {
    expect(marginRateFor("H101", ["H10", "H"], rates, defaultRate)).toBe(0.2);
    expect(marginRateFor(null, [], rates, defaultRate)).toBe(0.2);
  });

  it("honours a rate of 0 (it is a rate, not a missing one)", () => {
    expect(marginRateFor("F101", ["F10", "F"], { F10: 0 }, 0.2)).toBe(0);
  });

  it("does not take Object.prototype's properties for rates", () => {
    expect(marginRateFor("constructor", [], {}, 0.2)).toBe(0.2);
  });
});

describe("marginRateLookup", () => {
  const lookup = marginRateLookup(settings, parentOf);

  it("walks the tree from a level-3 code", () => {
    expect(lookup("F101")).toBe(0.3);
    expect(lookup("F102")).toBe(0.4);
    expect(lookup("F201")).toBe(0.25);
    expect(lookup("H101")).toBe(0.2);
    expect(lookup("F101")).toBe(0.3); // remembered, same answer
  });

  it("treats an unknown code as top-level and null as unclassified", () => {
    expect(lookup("X999")).toBe(0.2);
    expect(lookup(null)).toBe(0.2);
  });

  it("survives a cycle in a corrupt tree", () => {
    const cyclic = new Map<string, string | null>([
      ["A", "B"],
      ["B", "A"],
    ]);
    expect(marginRateLookup({ defaultRate: 0.1, rates: { Z: 0.5 } }, cyclic)("A")).toBe(0.1);
  });

  it("refuses settings with a rate outside 0..1", () => {
    expect(() => marginRateLookup({ defaultRate: 0.2, rates: { F: 1.2 } }, parentOf)).toThrow(/마진율/);
  });
});

describe("marginRatesSchema", () => {
  it("accepts 0 and 1 and refuses negative rates and non-codes with Korean and English messages", () => {
    expect(marginRatesSchema.safeParse({ defaultRate: 0, rates: { F: 1 } }).success).toBe(true);
    const negative = marginRatesSchema.safeParse({ defaultRate: -0.1, rates: {} });
    expect(negative.error?.issues[0]?.message).toMatch(/0 이상.*at least 0/);
    const badCode = marginRatesSchema.safeParse({ defaultRate: 0.1, rates: { "not a code!": 0.1 } });
    expect(badCode.success).toBe(false);
  });
});

describe("grossMargin", () => {
  const lookup = marginRateLookup(settings, parentOf);

  it("sums amount × rate over the lines", () => {
    // 10,000 × 0.3 + 20,000 × 0.4 + 5,000 × 0.2 (unclassified) + 8,000 × 0.25 = 3,000 + 8,000 + 1,000 + 2,000
    const lines = [
      { categoryCode: "F101", amount: 10_000 },
      { categoryCode: "F102", amount: 20_000 },
      { categoryCode: null, amount: 5_000 },
      { categoryCode: "F201", amount: 8_000 },
    ];
    expect(grossMargin(lines, lookup)).toBe(14_000);
  });

  it("takes the margin of a returned line back", () => {
    const lines = [
      { categoryCode: "F102", amount: 20_000 },
      { categoryCode: "F102", amount: -5_000 },
    ];
    expect(grossMargin(lines, lookup)).toBe(6_000);
  });

  it("is 0 for no lines", () => {
    expect(grossMargin([], lookup)).toBe(0);
  });
});
