import { describe, expect, it } from "vitest";
import { minimumCount } from "./thresholds.ts";

describe("minimumCount", () => {
  it("is the smallest count with count / baskets ≥ minSupport", () => {
    expect(minimumCount(0.01, 9835)).toBe(99);
    expect(minimumCount(0.001, 9835)).toBe(10);
    expect(minimumCount(1, 7)).toBe(7);
  });

  it("decides the boundary by the division, not by how minSupport × baskets rounds", () => {
    expect(Math.ceil(0.07 * 100)).toBe(8);
    expect(minimumCount(0.07, 100)).toBe(7);
  });

  it("never goes below one basket", () => {
    expect(minimumCount(1e-9, 10)).toBe(1);
  });
});
