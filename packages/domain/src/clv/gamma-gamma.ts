import { minimize } from "./optimize.ts";
import { lnGamma } from "./special.ts";

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", after Colombo & Jiang 1999):
 * a customer's purchase values are Gamma(p, ν) around their own mean, with ν ~ Gamma(q, v) across
 * customers. Spend is assumed independent of the purchase process.
 */
export type GammaGammaParams = { p: number; q: number; v: number };
/** x repeat purchases (x > 0) with mean value m (m > 0). */
export type SpendHistory = { x: number; m: number };

/** log-likelihood of one customer's mean spend m over x purchases. */
export function gammaGammaLogLikelihood({ p, q, v }: GammaGammaParams, { x, m }: SpendHistory): number {
  const px = p * x;
  return (
    lnGamma(px + q) -
    lnGamma(px) -
    lnGamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(x * m + v)
  );
}

export type GammaGammaFit = { params: GammaGammaParams; logLik: number; customers: number };

/** Maximum-likelihood fit; pass only customers with at least one repeat purchase and a positive mean. */
export function fitGammaGamma(customers: Iterable<SpendHistory>): GammaGammaFit {
  const rows: SpendHistory[] = [];
  let sumM = 0;
  for (const row of customers) {
    if (!(row.x > 0 && row.m > 0)) throw new RangeError(`need x > 0 and m > 0, got x=${row.x} m=${row.m}`);
    rows.push(row);
    sumM += row.m;
  }
  if (rows.length === 0) throw new RangeError("no customers with repeat purchases to fit");
  const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]!), q: Math.exp(w[1]!), v: Math.exp(w[2]!) });
  const negLogLik = (w: number[]) => {
    const params = toParams(w);
    let sum = 0;
    for (const row of rows) sum += gammaGammaLogLikelihood(params, row);
    return -sum;
  };
  // v is on the money scale: start it at the mean spend so the start suits any currency.
  const best = minimize(negLogLik, [0, 0, Math.log(sumM / rows.length)]);
  return { params: toParams(best.x), logLik: -best.value, customers: rows.length };
}

/**
 * E[M | x, m]: the customer's expected spend per purchase, their own mean shrunk towards the
 * population mean p·v/(q−1) the fewer purchases they have. With x = 0 it is the population mean.
 * Needs q > 1 (otherwise the population mean is infinite).
 */
export function expectedSpend({ p, q, v }: GammaGammaParams, { x, m }: SpendHistory): number {
  if (!(q > 1)) throw new RangeError(`the mean spend is infinite when q ≤ 1 (q = ${q})`);
  return (p * (v + x * m)) / (p * x + q - 1);
}
