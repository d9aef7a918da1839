import { describe, expect, it } from "vitest";
import { expectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from "./gamma-gamma.ts";

const params = { p: 6, q: 4, v: 15 };

describe("gammaGammaLogLikelihood", () => {
  it("matches an independent scipy computation", () => {
    expect(gammaGammaLogLikelihood(params, { x: 1, m: 20 })).toBeCloseTo(-3.520042174643976, 12);
    expect(gammaGammaLogLikelihood(params, { x: 4, m: 35.5 })).toBeCloseTo(-4.213261469380967, 12);
  });
});

describe("expectedSpend", () => {
  it("shrinks the customer's mean towards the population mean", () => {
    expect(expectedSpend(params, { x: 3, m: 40 })).toBeCloseTo(38.57142857142857, 12);
  });

  it("is the population mean p·v/(q−1) without purchases", () => {
    expect(expectedSpend(params, { x: 0, m: 0 })).toBeCloseTo(30, 12);
  });

  it("refuses q ≤ 1", () => {
    expect(() => expectedSpend({ p: 1, q: 1, v: 1 }, { x: 1, m: 1 })).toThrow(RangeError);
  });
});

describe("fitGammaGamma", () => {
  it("refuses customers without repeat purchases", () => {
    expect(() => fitGammaGamma([{ x: 0, m: 10 }])).toThrow(RangeError);
  });
});
