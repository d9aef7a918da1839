import type { RfmMetrics } from "./aggregate.ts";
import { compareCustomerIds } from "./customer-id.ts";
import { ntileBucket } from "./ntile.ts";

export type RfmScore = 1 | 2 | 3 | 4 | 5;
export type ScoredCustomer = RfmMetrics & { r: RfmScore; f: RfmScore; m: RfmScore };

/** Customers column-wise: entry i of every column belongs to ids[i]. */
export type RfmColumns = {
  ids: readonly string[];
  recencyDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetaryCents: ArrayLike<number>;
};

/** Scores column-wise, in the columns' order: customer i has r[i], f[i], m[i], each 1–5. */
export type RfmScoreColumns = { r: Uint8Array; f: Uint8Array; m: Uint8Array };

/**
 * Scores each of R, F and M 1–5 as NTILE(5) over the customers ordered from worst to best,
 * ties broken by customer id ascending, so 5 is best:
 *   R = NTILE(5) OVER (ORDER BY recency_days DESC, customer_id)
 *   F = NTILE(5) OVER (ORDER BY frequency, customer_id)
 *   M = NTILE(5) OVER (ORDER BY monetary, customer_id)
 * Returned in the input order.
 */
export function scoreRfm(customers: readonly RfmMetrics[]): ScoredCustomer[] {
  const scores = scoreRfmColumns({
    ids: customers.map((c) => c.customerId),
    recencyDays: customers.map((c) => c.recencyDays),
    frequency: customers.map((c) => c.frequency),
    monetaryCents: customers.map((c) => c.monetaryCents),
  });
  return customers.map((customer, i) => ({
    ...customer,
    r: scores.r[i] as RfmScore,
    f: scores.f[i] as RfmScore,
    m: scores.m[i] as RfmScore,
  }));
}

/**
 * scoreRfm's rule on columns, for a whole customer base: no object per customer and no comparator
 * sort, which at a million customers is what the scoring costs (see sortedPositions).
 */
export function scoreRfmColumns(columns: RfmColumns): RfmScoreColumns {
  const n = columns.ids.length;
  for (const column of [columns.recencyDays, columns.frequency, columns.monetaryCents]) {
    if (column.length !== n) throw new RangeError(`a column has ${column.length} values for ${n} customers`);
  }
  const idOrder = customerIdOrder(columns.ids);
  const buckets = (key: (i: number) => number) => {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = key(i);
    const positions = sortedPositions(keys, idOrder);
    const scores = new Uint8Array(n);
    for (let i = 0; i < n; i++) scores[i] = ntileBucket(positions[i]!, n, 5);
    return scores;
  };
  return {
    // Worst first: the most days since the last purchase.
    r: buckets((i) => -columns.recencyDays[i]!),
    f: buckets((i) => columns.frequency[i]!),
    m: buckets((i) => columns.monetaryCents[i]!),
  };
}

/**
 * Indices of `ids` in compareCustomerIds order. Callers reading a table by its key usually pass
 * the ids in that order already; one linear check then spares the comparator sort.
 */
function customerIdOrder(ids: readonly string[]): Uint32Array {
  const order = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) order[i] = i;
  for (let i = 1; i < ids.length; i++) {
    if (compareCustomerIds(ids[i - 1]!, ids[i]!) > 0) return order.sort((a, b) => compareCustomerIds(ids[a]!, ids[b]!));
  }
  return order;
}

/**
 * The 0-based position of every item in the order (key ascending, then `tieOrder`): one native
 * numeric sort of the keys gives where each distinct key starts, then the items, visited in
 * tie order, take the next free position of their key.
 */
function sortedPositions(keys: Float64Array, tieOrder: Uint32Array): Uint32Array {
  const sorted = keys.slice().sort();
  const next = new Map<number, number>();
  for (let p = 0; p < sorted.length; p++) {
    const key = sorted[p]!;
    if (!Number.isFinite(key)) throw new RangeError(`an RFM measure is ${key}`);
    if (p === 0 || key !== sorted[p - 1]) next.set(key, p);
  }
  const positions = new Uint32Array(keys.length);
  for (const i of tieOrder) {
    const key = keys[i]!;
    const p = next.get(key)!;
    positions[i] = p;
    next.set(key, p + 1);
  }
  return positions;
}

/** The cell label, e.g. "545": one of the 125 R×F×M cells. */
export function rfmCell(scores: { r: RfmScore; f: RfmScore; m: RfmScore }): string {
  return `${scores.r}${scores.f}${scores.m}`;
}
