import { describe, expect, it } from "vitest";
import { erfc, normalCdf, twoSidedPValue } from "./normal.ts";

// Reference values from mpmath at 30 digits. Φ and the p-value get 3e-15: dividing z by √2 rounds
// the argument, and the tail amplifies that by about z².
const close = (actual: number, expected: number, relative: number) => {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(relative);
};

describe("erfc", () => {
  // one point inside each of Cody's three ranges and on both range boundaries
  it.each([
    [0.1, 0.887537083981715],
    [0.46875, 0.507386526782062],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3.9, 3.4792248597231765e-8],
    [4, 1.541725790028002e-8],
    [4.1, 6.700027654084918e-9],
    [6, 2.1519736712498913e-17],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
  ])("erfc(%s) = %s to ~1e-15", (x, expected) => {
    close(erfc(x), expected, 2e-15);
  });

  it("is 2 − erfc(|x|) for negative x, 1 at 0, 0 far out, NaN for NaN", () => {
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
    expect(erfc(0)).toBe(1);
    expect(erfc(27)).toBe(0);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(Number.NaN)).toBeNaN();
  });
});

describe("normalCdf", () => {
  it("matches the known values", () => {
    expect(normalCdf(0)).toBe(0.5);
    close(normalCdf(1.959964), 0.975, 1e-8); // 0.9750000009…: 1.959964 is itself rounded
    close(normalCdf(1.959964), 0.9750000009035577, 3e-15);
    close(normalCdf(-3), 0.0013498980316301, 1e-13);
    close(normalCdf(-3), 0.0013498980316300946, 3e-15);
    close(normalCdf(1), 0.8413447460685429, 3e-15);
  });

  it("keeps its relative precision deep in the lower tail", () => {
    close(normalCdf(-6), 9.86587645037698e-10, 1e-14);
    close(normalCdf(-10), 7.619853024160525e-24, 1e-13);
  });

  it("is symmetric: Φ(x) + Φ(−x) = 1", () => {
    for (const x of [0.3, 1.2, 2.7, 3.5]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });
});

describe("twoSidedPValue", () => {
  it("matches the known values and ignores the sign", () => {
    close(twoSidedPValue(2.5), 0.012419330651552, 1e-13);
    close(twoSidedPValue(-2.5), 0.01241933065155227, 3e-15);
    close(twoSidedPValue(1.959964), 0.0499999981928848, 3e-15);
    expect(twoSidedPValue(0)).toBe(1);
  });

  it("gives a tiny p-value its digits instead of rounding it to 0 (the naive 2 × (1 − Φ) would)", () => {
    close(twoSidedPValue(5), 5.733031437583878e-7, 1e-14);
    expect(twoSidedPValue(9)).toBeGreaterThan(0);
  });
});
