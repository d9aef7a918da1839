// Lanczos approximation, g = 7, n = 9 (as in Numerical Recipes / Boost): about 15 significant digits.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  // Reflection keeps the series in the range where the coefficients are accurate.
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

const MAX_TERMS = 1_000_000;

/**
 * The plain power series of 2F1(a, b; c; z), summed until a term no longer changes the sum.
 * Terms may grow before they shrink (when a·b·z > c), so stopping needs both a negligible term and
 * a ratio below one.
 */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0 || (Math.abs(term) <= 1e-16 * Math.abs(sum) && Math.abs(ratio) < 1)) return sum;
  }
  throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`);
}

/**
 * ln 2F1(a, b; c; z) for 0 ≤ z < 1 and c > 0, where the function is positive.
 *
 * Sums whichever of the two equivalent series has the smaller parameters: the direct one or
 * Euler's transformation 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c−a, c−b; c; z). In BG/NBD a and b
 * grow with the customer's purchase count while c − a and c − b do not, so the transformed series
 * stays short and its prefactor is taken in logs instead of overflowing.
 */
export function lnHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`2F1 needs 0 ≤ z < 1, got ${z}`);
  if (!(c > 0)) throw new RangeError(`2F1 needs c > 0, got ${c}`);
  const useEuler = Math.abs((c - a) * (c - b)) < Math.abs(a * b);
  const value = useEuler ? hyp2f1Series(c - a, c - b, c, z) : hyp2f1Series(a, b, c, z);
  if (!(value > 0)) throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) is not positive`);
  return Math.log(value) + (useEuler ? (c - a - b) * Math.log1p(-z) : 0);
}
