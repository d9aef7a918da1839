import { describe, expect, it } from "vitest";
import { lnBeta, lnGamma, lnHyp2f1 } from "./special.ts";

describe("lnGamma", () => {
  it("matches factorials", () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });

  it("matches scipy.special.gammaln off the integers", () => {
    expect(lnGamma(0.3)).toBeCloseTo(1.0957979948180756, 13);
    expect(lnGamma(4.5)).toBeCloseTo(2.4537365708424423, 13);
    expect(lnGamma(171.2)).toBeCloseTo(707.60092684767, 10);
    expect(lnGamma(1e-5)).toBeCloseTo(11.512919692895826, 12);
  });

  it("gives B(2, 3) = 1/12", () => {
    expect(lnBeta(2, 3)).toBeCloseTo(-Math.log(12), 14);
  });
});

describe("lnHyp2f1", () => {
  it("matches closed forms", () => {
    const z = 0.7;
    // 2F1(1, 1; 2; z) = −ln(1 − z)/z and 2F1(a, b; b; z) = (1 − z)^−a
    expect(lnHyp2f1(1, 1, 2, z)).toBeCloseTo(Math.log(-Math.log(1 - z) / z), 13);
    expect(lnHyp2f1(2.5, 3, 3, z)).toBeCloseTo(-2.5 * Math.log(1 - z), 12);
    expect(lnHyp2f1(1, 2, 3, 0)).toBe(0);
  });

  it("matches scipy.special.hyp2f1, including large parameters near z = 1", () => {
    expect(Math.exp(lnHyp2f1(2.5, 3.7, 4.2, 0.6))).toBeCloseTo(7.268907167541368, 11);
    expect(Math.exp(lnHyp2f1(0.3, 40.2, 41.5, 0.9))).toBeCloseTo(1.8629638228251577, 11);
    expect(Math.exp(lnHyp2f1(-0.4, 0.2, 60.1, 0.95))).toBeCloseTo(0.9987282314935002, 13);
  });

  it("refuses z outside [0, 1)", () => {
    expect(() => lnHyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});
