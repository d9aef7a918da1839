import { twoSidedPValue } from "./normal.ts";

/**
 * What one group did within the response window: `size` customers (all of them, responders or
 * not), `responders` of them bought, for `revenue` won with `grossMargin` won of margin.
 */
export type GroupFigures = { size: number; responders: number; revenue: number; grossMargin: number };

export type GroupRates = GroupFigures & {
  /** responders / size; null for an empty group */
  responseRate: number | null;
  revenuePerCustomer: number | null;
  grossMarginPerCustomer: number | null;
};

/**
 * Every figure that cannot be computed (an empty group, no variance to test, no cost to divide
 * by) is null rather than NaN or Infinity, so a screen shows "—" and JSON stays valid.
 */
export type LiftReport = {
  target: GroupRates;
  control: GroupRates;
  /** rate_target − rate_control, in proportion points (0.04 = 4 %p) */
  rateDifference: number | null;
  /** rateDifference / rate_control; null when the control rate is 0 */
  relativeLift: number | null;
  /** responders the campaign added: (rate_t − rate_c) × size_t */
  incrementalResponders: number | null;
  /** (revenue_t/size_t − revenue_c/size_c) × size_t */
  incrementalRevenue: number | null;
  /** the same per-customer difference for gross margin */
  incrementalGrossMargin: number | null;
  cost: number;
  /** (incremental gross margin − cost) / cost; null when the campaign cost nothing */
  roi: number | null;
  /** pooled two-proportion z-test of rate_t = rate_c, two-sided */
  zTest: { z: number; pValue: number } | null;
  /** 95% Wald interval of rate_t − rate_c (unpooled variances) */
  confidenceInterval95: { low: number; high: number } | null;
};

/** Φ⁻¹(0.975), to the digits the 95% interval is usually quoted with. */
export const Z_95 = 1.959964;

/**
 * Target vs control for one campaign, or one channel of it (pass that channel's targets and the
 * control customers who would have been sent on it).
 *
 * Revenue and margin are compared per customer, not per responder: the control group is smaller,
 * so its totals are scaled to the target's size before the difference is taken.
 */
export function liftReport(input: { target: GroupFigures; control: GroupFigures; cost: number }): LiftReport {
  const { target, control, cost } = input;
  checkGroup("target", target);
  checkGroup("control", control);
  if (!Number.isFinite(cost) || cost < 0) throw new RangeError(`cost must be a finite amount ≥ 0, got ${cost}`);

  const t = rates(target);
  const c = rates(control);
  const rateDifference = difference(t.responseRate, c.responseRate);
  const scaled = (d: number | null) => (d === null ? null : d * target.size);
  const incrementalGrossMargin = scaled(difference(t.grossMarginPerCustomer, c.grossMarginPerCustomer));

  return {
    target: t,
    control: c,
    rateDifference,
    relativeLift:
      rateDifference === null || c.responseRate === null || c.responseRate === 0
        ? null
        : rateDifference / c.responseRate,
    incrementalResponders: scaled(rateDifference),
    incrementalRevenue: scaled(difference(t.revenuePerCustomer, c.revenuePerCustomer)),
    incrementalGrossMargin,
    cost,
    roi: incrementalGrossMargin === null || cost === 0 ? null : (incrementalGrossMargin - cost) / cost,
    zTest: pooledZTest(target, control),
    confidenceInterval95: waldInterval(target, control, Z_95),
  };
}

/**
 * z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with p̂ the pooled rate, under the null hypothesis
 * that both groups respond alike. Null when a group is empty or nobody / everybody responded
 * (p̂ = 0 or 1: no variance, the test says nothing).
 */
export function pooledZTest(
  a: Pick<GroupFigures, "size" | "responders">,
  b: Pick<GroupFigures, "size" | "responders">,
): { z: number; pValue: number } | null {
  if (a.size === 0 || b.size === 0) return null;
  const pooled = (a.responders + b.responders) / (a.size + b.size);
  const variance = pooled * (1 - pooled) * (1 / a.size + 1 / b.size);
  if (!(variance > 0)) return null;
  const z = (a.responders / a.size - b.responders / b.size) / Math.sqrt(variance);
  return { z, pValue: twoSidedPValue(z) };
}

/**
 * (p₁ − p₂) ± z·√(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂). Null when a group is empty or both rates are 0
 * or 1: the formula would give a zero-width interval, which claims a certainty the data lacks.
 */
export function waldInterval(
  a: Pick<GroupFigures, "size" | "responders">,
  b: Pick<GroupFigures, "size" | "responders">,
  z: number = Z_95,
): { low: number; high: number } | null {
  if (a.size === 0 || b.size === 0) return null;
  const p1 = a.responders / a.size;
  const p2 = b.responders / b.size;
  const se = Math.sqrt((p1 * (1 - p1)) / a.size + (p2 * (1 - p2)) / b.size);
  if (!(se > 0)) return null;
  const d = p1 - p2;
  return { low: d - z * se, high: d + z * se };
}

function rates(g: GroupFigures): GroupRates {
  const per = (x: number) => (g.size === 0 ? null : x / g.size);
  return {
    ...g,
    responseRate: per(g.responders),
    revenuePerCustomer: per(g.revenue),
    grossMarginPerCustomer: per(g.grossMargin),
  };
}

function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

function checkGroup(name: string, g: GroupFigures): void {
  if (!Number.isInteger(g.size) || g.size < 0) throw new RangeError(`${name} size must be a whole number ≥ 0`);
  if (!Number.isInteger(g.responders) || g.responders < 0 || g.responders > g.size) {
    throw new RangeError(`${name} responders must be a whole number between 0 and the group size`);
  }
  // Revenue and margin may be negative (returns outweighing purchases), never NaN.
  if (!Number.isFinite(g.revenue) || !Number.isFinite(g.grossMargin)) {
    throw new RangeError(`${name} revenue and gross margin must be finite amounts`);
  }
}
