import { describe, expect, it } from "vitest";
import { type BgNbdParams, bgnbdLogLikelihood, expectedPurchases, fitBgNbd, probabilityAlive } from "./bgnbd.ts";

const params: BgNbdParams = { r: 0.5, alpha: 2, a: 0.8, b: 3 };

describe("bgnbdLogLikelihood", () => {
  it("is r·ln(α/(α+T)) for a customer without repeat purchases", () => {
    expect(bgnbdLogLikelihood(params, { x: 0, tx: 0, T: 10 })).toBeCloseTo(0.5 * Math.log(2 / 12), 13);
  });

  it("equals equation (6) written out by hand for one repeat purchase", () => {
    // Γ(r+1)/Γ(r) = r, B(a, b+1)/B(a, b) = b/(a+b), B(a+1, b)/B(a, b) = a/(a+b)
    const { r, alpha, a, b } = params;
    const likelihood =
      r * alpha ** r * ((b / (a + b)) * (alpha + 10) ** -(r + 1) + (a / (a + b)) * (alpha + 5) ** -(r + 1));
    expect(bgnbdLogLikelihood(params, { x: 1, tx: 5, T: 10 })).toBeCloseTo(Math.log(likelihood), 13);
  });

  it("matches an independent scipy computation for more purchases", () => {
    expect(bgnbdLogLikelihood(params, { x: 3, tx: 8, T: 12 })).toBeCloseTo(-8.41028114306275, 12);
    expect(bgnbdLogLikelihood(params, { x: 10, tx: 30, T: 40 })).toBeCloseTo(-25.953893900287763, 12);
  });
});

describe("probabilityAlive", () => {
  it("is 1 for a customer with no repeat purchase", () => {
    expect(probabilityAlive(params, { x: 0, tx: 0, T: 50 })).toBe(1);
  });

  it("matches lifetimes' formula", () => {
    expect(probabilityAlive(params, { x: 1, tx: 5, T: 10 })).toBeCloseTo(0.625570638133647, 13);
    expect(probabilityAlive(params, { x: 10, tx: 30, T: 40 })).toBeCloseTo(0.4632529241478384, 13);
  });
});

describe("expectedPurchases", () => {
  it("matches equation (10) as computed with scipy's hyp2f1", () => {
    expect(expectedPurchases(params, { x: 0, tx: 0, T: 10 }, 13)).toBeCloseTo(0.4709427769769597, 12);
    expect(expectedPurchases(params, { x: 3, tx: 8, T: 12 }, 13)).toBeCloseTo(1.7546176759434502, 12);
    expect(expectedPurchases(params, { x: 10, tx: 30, T: 40 }, 13)).toBeCloseTo(1.3708441028797962, 12);
  });

  it("stays finite for a very frequent buyer", () => {
    const fitted = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
    expect(expectedPurchases(fitted, { x: 150, tx: 38, T: 39 }, 52)).toBeCloseTo(109.39393535301126, 8);
  });

  it("is zero over no time", () => {
    expect(expectedPurchases(params, { x: 2, tx: 3, T: 4 }, 0)).toBe(0);
  });
});

describe("fitBgNbd", () => {
  it("gives back the likelihood of the parameters it returns", () => {
    const customers = [
      { x: 0, tx: 0, T: 30 },
      { x: 0, tx: 0, T: 20 },
      { x: 2, tx: 10, T: 30 },
      { x: 5, tx: 25, T: 28 },
      { x: 1, tx: 3, T: 25 },
      { x: 3, tx: 6, T: 26 },
    ];
    const fit = fitBgNbd(customers);
    const logLik = customers.reduce((s, c) => s + bgnbdLogLikelihood(fit.params, c), 0);
    expect(fit.logLik).toBeCloseTo(logLik, 9);
    expect(fit.customers).toBe(6);
  });

  it("refuses a last purchase after the end of calibration", () => {
    expect(() => fitBgNbd([{ x: 1, tx: 5, T: 4 }])).toThrow(RangeError);
  });
});
