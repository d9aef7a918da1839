import { minimize } from "./optimize.ts";
import { lnBeta, lnGamma, lnHyp2f1 } from "./special.ts";

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out
 * with probability p ~ Beta(a, b).
 */
export type BgNbdParams = { r: number; alpha: number; a: number; b: number };
export type Rft = { x: number; tx: number; T: number };

/** log L(r, α, a, b | x, t_x, T) for one customer: equation (6) of the paper, summed in logs. */
export function bgnbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: Rft): number {
  const common = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const stillAlive = lnBeta(a, b + x) - lnBeta(a, b) - (r + x) * Math.log(alpha + T);
  if (x === 0) return common + stillAlive;
  const droppedOut = lnBeta(a + 1, b + x - 1) - lnBeta(a, b) - (r + x) * Math.log(alpha + tx);
  const top = Math.max(stillAlive, droppedOut);
  return common + top + Math.log(Math.exp(stillAlive - top) + Math.exp(droppedOut - top));
}

export type BgNbdFit = { params: BgNbdParams; logLik: number; customers: number };

/**
 * Maximum-likelihood fit over the whole base. Customers with the same (x, t_x, T) share one
 * likelihood term, weighted by their count; the search runs on log-parameters so they stay
 * positive.
 */
export function fitBgNbd(customers: Iterable<Rft>): BgNbdFit {
  const groups = new Map<string, Rft & { count: number }>();
  let total = 0;
  let sumT = 0;
  let sumX = 0;
  for (const { x, tx, T } of customers) {
    if (!(x >= 0 && tx >= 0 && T >= tx))
      throw new RangeError(`need 0 ≤ t_x ≤ T and x ≥ 0, got x=${x} t_x=${tx} T=${T}`);
    const key = `${x}:${tx}:${T}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { x, tx, T, count: 1 });
    total++;
    sumT += T;
    sumX += x;
  }
  if (total === 0) throw new RangeError("no customers to fit");
  const rows = [...groups.values()];
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const negLogLik = (v: number[]) => {
    const params = toParams(v);
    let sum = 0;
    for (const row of rows) sum += row.count * bgnbdLogLikelihood(params, row);
    return -sum;
  };
  // α is a time scale: start it at the base's mean purchase interval so the start suits any unit.
  const start = [0, Math.log(Math.max(sumT / Math.max(sumX, 1), 1e-3)), 0, 0];
  const best = minimize(negLogLik, start);
  return { params: toParams(best.x), logLik: -best.value, customers: total };
}

/** P(alive | x, t_x, T): 1 for a customer with no repeat purchase, who cannot have dropped out yet. */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: Rft): number {
  if (x === 0) return 1;
  const odds = Math.exp(Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
  return 1 / (1 + odds);
}

/**
 * E[X(t) | x, t_x, T]: expected purchases in the next t units, equation (10) of the paper.
 * The factor ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; z) is formed in logs, z = t/(α+T+t).
 */
export function expectedPurchases(params: BgNbdParams, history: Rft, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const { x, T } = history;
  const z = t / (alpha + T + t);
  const lnFactor = (r + x) * Math.log1p(-z) + lnHyp2f1(r + x, b + x, a + b + x - 1, z);
  const unconditioned = ((a + b + x - 1) / (a - 1)) * -Math.expm1(lnFactor);
  return unconditioned * probabilityAlive(params, history);
}
