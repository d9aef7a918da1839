import { type BgNbdParams, expectedPurchases, probabilityAlive, type Rft } from "./bgnbd.ts";
import { expectedSpend, type GammaGammaParams } from "./gamma-gamma.ts";

/** The average month, in days. */
export const DAYS_PER_MONTH = 365.25 / 12;

export type ClvAssumptions = {
  /** Horizon in months: 12 for the 12-month CLV. */
  months: number;
  /**
   * Discount rate per month, applied to each month's value at the month's end: 0.01 is about
   * 12.7 % a year. lifetimes' customer_lifetime_value uses the same monthly scheme.
   */
  monthlyDiscountRate: number;
  /** Share of spend that is profit (1 = CLV in revenue, 0.3 = 30 % gross margin). */
  margin: number;
  /** The BG/NBD model's time unit in days: 7 when fitted in weeks, 1 in days. */
  unitDays: number;
};

/**
 * Discounted value of a customer's next `months` months: for each month m, the purchases BG/NBD
 * expects in that month (E[X(m)] − E[X(m−1)]) times the expected spend per purchase (from
 * Gamma-Gamma), times the margin, divided by (1 + rate)^m.
 */
export function lifetimeValue(
  purchaseModel: BgNbdParams,
  history: Rft,
  spendPerPurchase: number,
  assumptions: ClvAssumptions,
): number {
  const unitsPerMonth = DAYS_PER_MONTH / assumptions.unitDays;
  let value = 0;
  let before = 0;
  for (let month = 1; month <= assumptions.months; month++) {
    const cumulative = expectedPurchases(purchaseModel, history, month * unitsPerMonth);
    value +=
      ((cumulative - before) * spendPerPurchase * assumptions.margin) / (1 + assumptions.monthlyDiscountRate) ** month;
    before = cumulative;
  }
  return value;
}

export type CustomerPrediction = {
  /** Expected purchases in the next `horizonDays`. */
  expectedPurchases: number;
  probabilityAlive: number;
  /** Expected spend per purchase. */
  expectedSpend: number;
  lifetimeValue: number;
};

/** The per-customer figures the CRM shows, from the two fitted models and the customer's history. */
export function predictCustomer(
  models: { purchases: BgNbdParams; spend: GammaGammaParams },
  history: Rft & { meanRepeatSpend: number | undefined },
  horizonDays: number,
  assumptions: ClvAssumptions,
): CustomerPrediction {
  const spend = expectedSpend(models.spend, { x: history.x, m: history.meanRepeatSpend ?? 0 });
  return {
    expectedPurchases: expectedPurchases(models.purchases, history, horizonDays / assumptions.unitDays),
    probabilityAlive: probabilityAlive(models.purchases, history),
    expectedSpend: spend,
    lifetimeValue: lifetimeValue(models.purchases, history, spend, assumptions),
  };
}
