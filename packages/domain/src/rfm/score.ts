import type { RfmMetrics } from "./aggregate.ts";
import { compareCustomerIds } from "./customer-id.ts";
import { ntile } from "./ntile.ts";

export type RfmScore = 1 | 2 | 3 | 4 | 5;
export type ScoredCustomer = RfmMetrics & { r: RfmScore; f: RfmScore; m: RfmScore };

/**
 * Scores each of R, F and M 1–5 as NTILE(5) over the customers ordered from worst to best,
 * ties broken by customer id ascending, so 5 is best:
 *   R = NTILE(5) OVER (ORDER BY recency_days DESC, customer_id)
 *   F = NTILE(5) OVER (ORDER BY frequency, customer_id)
 *   M = NTILE(5) OVER (ORDER BY monetary, customer_id)
 * Returned in the input order.
 */
export function scoreRfm(customers: readonly RfmMetrics[]): ScoredCustomer[] {
  const byId = (a: RfmMetrics, b: RfmMetrics) => compareCustomerIds(a.customerId, b.customerId);
  const r = ntile(customers, 5, (a, b) => b.recencyDays - a.recencyDays || byId(a, b));
  const f = ntile(customers, 5, (a, b) => a.frequency - b.frequency || byId(a, b));
  const m = ntile(customers, 5, (a, b) => a.monetaryCents - b.monetaryCents || byId(a, b));
  return customers.map((customer, i) => ({
    ...customer,
    r: r[i] as RfmScore,
    f: f[i] as RfmScore,
    m: m[i] as RfmScore,
  }));
}

/** The cell label, e.g. "545": one of the 125 R×F×M cells. */
export function rfmCell(scores: { r: RfmScore; f: RfmScore; m: RfmScore }): string {
  return `${scores.r}${scores.f}${scores.m}`;
}
