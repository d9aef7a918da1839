import { describe, expect, it } from "vitest";
import { compareCodePoints } from "./code-point.ts";
import { mineCompositionRules, mineRules, type Rule } from "./rules.ts";

const rule = (lhs: string[], rhs: string, count: number, lhsCount: number, rhsCount: number, total: number): Rule => ({
  lhs,
  rhs,
  support: count / total,
  confidence: count / lhsCount,
  lift: (count * total) / (lhsCount * rhsCount),
  count,
});

// a 4, b 3, c 3, ab 2, ac 2, bc 2, abc 1 out of 6 baskets (one of them empty).
const SMALL = [["a", "b"], ["a", "b", "c"], ["a", "c"], ["a"], ["b", "c"], []];

describe("mineRules", () => {
  it("finds every rule of a hand-counted example, empty left sides included, in lift/confidence/lhs/rhs order", () => {
    expect(mineRules(SMALL, { minSupport: 0.3, minConfidence: 0.5 })).toEqual([
      rule(["b"], "c", 2, 3, 3, 6),
      rule(["c"], "b", 2, 3, 3, 6),
      rule(["b"], "a", 2, 3, 4, 6),
      rule(["c"], "a", 2, 3, 4, 6),
      rule([], "a", 4, 6, 4, 6),
      rule(["a"], "b", 2, 4, 3, 6),
      rule(["a"], "c", 2, 4, 3, 6),
      rule([], "b", 3, 6, 3, 6),
      rule([], "c", 3, 6, 3, 6),
    ]);
  });

  it("counts an empty basket in the total, so it lowers every support", () => {
    const [withEmpty] = mineRules([["a"], []], { minSupport: 0.5, minConfidence: 0 });
    expect(withEmpty).toEqual(rule([], "a", 1, 2, 1, 2));
  });

  it("counts an item repeated within a basket once", () => {
    const rules = mineRules([["a", "a", "b"], ["a"], ["b", "b"]], { minSupport: 0.1, minConfidence: 0, minLen: 2 });
    expect(rules.find((r) => r.rhs === "b" && r.lhs[0] === "a")).toEqual(rule(["a"], "b", 1, 2, 2, 3));
    expect(mineRules([["a", "a"], ["b"]], { minSupport: 0.1, minConfidence: 0, maxLen: 1 })).toEqual([
      rule([], "a", 1, 2, 1, 2),
      rule([], "b", 1, 2, 1, 2),
    ]);
  });

  it("counts minLen and maxLen over the whole rule, left side plus right", () => {
    const baskets = [
      ["a", "b", "c"],
      ["a", "b", "c"],
      ["a", "b"],
    ];
    const lengths = (minLen: number, maxLen: number) =>
      new Set(mineRules(baskets, { minSupport: 0.5, minConfidence: 0, minLen, maxLen }).map((r) => r.lhs.length + 1));
    expect(lengths(1, 10)).toEqual(new Set([1, 2, 3]));
    expect(lengths(2, 10)).toEqual(new Set([2, 3]));
    expect(lengths(1, 2)).toEqual(new Set([1, 2]));
    expect(lengths(3, 3)).toEqual(new Set([3]));
  });

  it("keeps a rule whose support or confidence sits exactly on the threshold", () => {
    // 7 / 100 ≥ 0.07 although 0.07 × 100 rounds above 7.
    const baskets = [...Array.from({ length: 7 }, () => ["x"]), ...Array.from({ length: 93 }, () => ["y"])];
    expect(mineRules(baskets, { minSupport: 0.07, minConfidence: 0.07 }).map((r) => r.rhs)).toEqual(["y", "x"]);
  });

  it("drops rules under the minimum lift", () => {
    const lifts = mineRules(SMALL, { minSupport: 0.3, minConfidence: 0.5, minLift: 1.1 }).map((r) => r.lift);
    expect(lifts).toEqual([4 / 3, 4 / 3]);
  });

  it("rejects thresholds arules would reject", () => {
    expect(() => mineRules(SMALL, { minSupport: 0, minConfidence: 0.5 })).toThrow(/greater than 0/);
    expect(() => mineRules(SMALL, { minSupport: 0.1, minConfidence: 1.5 })).toThrow(/at most 1/);
    expect(() => mineRules(SMALL, { minSupport: 0.1, minConfidence: 0.5, minLen: 3, maxLen: 2 })).toThrow(/exceed/);
  });

  it("returns no rules for no baskets", () => {
    expect(mineRules([], { minSupport: 0.1, minConfidence: 0 })).toEqual([]);
  });

  it("agrees with brute-force enumeration on random baskets", () => {
    const random = mulberry32(20240611);
    const items = "abcdefghij".split("");
    for (let trial = 0; trial < 20; trial++) {
      const baskets = Array.from({ length: 40 + trial * 5 }, () =>
        items.filter((_, i) => random() < 0.15 + 0.05 * (i % 4)),
      );
      const thresholds = { minSupport: 0.05 + random() * 0.1, minConfidence: random() * 0.6, maxLen: 2 + (trial % 4) };
      const key = (r: Rule) => `${r.lhs.join("+")}>${r.rhs}:${r.count}`;
      expect(mineRules(baskets, thresholds).map(key).sort()).toEqual(bruteForceRules(baskets, thresholds).sort());
    }
  });

  it("counts every pair right in a tree large enough to grow its arrays and rehash", () => {
    const random = mulberry32(7);
    const universe = Array.from({ length: 40 }, (_, i) => `item ${i}`);
    const baskets = Array.from({ length: 3000 }, () => universe.filter(() => random() < 0.2));
    const rules = mineRules(baskets, { minSupport: 0.01, minConfidence: 0, minLen: 2, maxLen: 2 });
    const pairCount = (a: string, b: string) => baskets.filter((x) => x.includes(a) && x.includes(b)).length;
    expect(rules).toHaveLength(40 * 39);
    for (const r of rules) expect(r.count).toBe(pairCount(r.lhs[0]!, r.rhs));
  });

  it("mines compositions (a content with its number of baskets) exactly as the baskets written out", () => {
    const compositions = [
      { items: ["a", "b"], count: 3 },
      { items: ["a", "b", "c"], count: 2 },
      { items: ["c", "c"], count: 4 },
      { items: [], count: 5 },
    ];
    const baskets = compositions.flatMap((c) => Array.from({ length: c.count }, () => c.items));
    const thresholds = { minSupport: 0.1, minConfidence: 0 };
    expect(mineCompositionRules(compositions, thresholds)).toEqual(mineRules(baskets, thresholds));
  });
});

/** Every subset of the item universe counted directly: slow, obviously right. */
function bruteForceRules(
  baskets: string[][],
  { minSupport, minConfidence, maxLen }: { minSupport: number; minConfidence: number; maxLen: number },
): string[] {
  const universe = [...new Set(baskets.flat())].sort(compareCodePoints);
  const count = (set: string[]) => baskets.filter((b) => set.every((item) => b.includes(item))).length;
  const found: string[] = [];
  for (let mask = 1; mask < 1 << universe.length; mask++) {
    const set = universe.filter((_, i) => mask & (1 << i));
    const n = count(set);
    if (set.length > maxLen || n / baskets.length < minSupport) continue;
    for (const rhs of set) {
      const lhs = set.filter((item) => item !== rhs);
      if (n / count(lhs) >= minConfidence) found.push(`${lhs.join("+")}>${rhs}:${n}`);
    }
  }
  return found;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
