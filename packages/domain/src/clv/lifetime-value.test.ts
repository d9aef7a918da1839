import { describe, expect, it } from "vitest";
import { expectedPurchases } from "./bgnbd.ts";
import { lifetimeValue, predictCustomer } from "./lifetime-value.ts";

const purchases = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
const assumptions = { months: 12, monthlyDiscountRate: 0.01, margin: 0.3, unitDays: 7 };

describe("lifetimeValue", () => {
  it("discounts each month's expected spend (matches a numpy/scipy computation)", () => {
    expect(lifetimeValue(purchases, { x: 3, tx: 20, T: 30 }, 50, assumptions)).toBeCloseTo(33.21336224827207, 9);
  });

  it("is spend times the 12-month expected purchases when the rate is 0 and the margin 1", () => {
    const history = { x: 3, tx: 20, T: 30 };
    const plain = lifetimeValue(purchases, history, 50, { ...assumptions, monthlyDiscountRate: 0, margin: 1 });
    expect(plain).toBeCloseTo(50 * expectedPurchases(purchases, history, (365.25 / 7) * 1), 9);
  });
});

describe("predictCustomer", () => {
  it("uses the population mean spend for a customer without repeat purchases", () => {
    const spend = { p: 6, q: 4, v: 15 };
    const prediction = predictCustomer(
      { purchases, spend },
      { x: 0, tx: 0, T: 10, meanRepeatSpend: undefined },
      90,
      assumptions,
    );
    expect(prediction.expectedSpend).toBeCloseTo(30, 12);
    expect(prediction.probabilityAlive).toBe(1);
    expect(prediction.expectedPurchases).toBeCloseTo(expectedPurchases(purchases, { x: 0, tx: 0, T: 10 }, 90 / 7), 12);
  });
});
