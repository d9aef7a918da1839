export type Minimum = { x: number[]; value: number; evaluations: number };

export type NelderMeadOptions = {
  /** Size of the first simplex's steps from the start point, per coordinate. */
  step?: number;
  /** Stop when the simplex's values differ by less than this. */
  tolerance?: number;
  maxEvaluations?: number;
};

/**
 * Nelder–Mead simplex minimisation with the standard coefficients (reflection 1, expansion 2,
 * contraction ½, shrink ½). Non-finite values count as +∞, so an objective can refuse a region by
 * returning NaN or Infinity.
 */
export function nelderMead(f: (x: number[]) => number, start: number[], options: NelderMeadOptions = {}): Minimum {
  const { step = 0.5, tolerance = 1e-12, maxEvaluations = 20_000 } = options;
  const n = start.length;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const y = f(x);
    return Number.isFinite(y) ? y : Number.POSITIVE_INFINITY;
  };
  const simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({
    x,
    y: value(x),
  }));
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i]! - v));

  while (evaluations < maxEvaluations) {
    simplex.sort((p, q) => p.y - q.y);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.y - best.y) <= tolerance * (1 + Math.abs(best.y)) && Number.isFinite(worst.y)) break;
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((s, p) => s + p.x[i]!, 0) / n);
    const reflected = along(centroid, worst.x, -1);
    const yr = value(reflected);
    if (yr < best.y) {
      const expanded = along(centroid, worst.x, -2);
      const ye = value(expanded);
      simplex[n] = ye < yr ? { x: expanded, y: ye } : { x: reflected, y: yr };
    } else if (yr < simplex[n - 1]!.y) {
      simplex[n] = { x: reflected, y: yr };
    } else {
      const outside = yr < worst.y;
      const contracted = along(centroid, outside ? reflected : worst.x, 0.5);
      const yc = value(contracted);
      if (yc < (outside ? yr : worst.y)) {
        simplex[n] = { x: contracted, y: yc };
      } else {
        for (let i = 1; i <= n; i++) {
          const x = along(best.x, simplex[i]!.x, 0.5);
          simplex[i] = { x, y: value(x) };
        }
      }
    }
  }
  simplex.sort((p, q) => p.y - q.y);
  return { x: simplex[0]!.x, value: simplex[0]!.y, evaluations };
}

/**
 * Nelder–Mead restarted from its own answer with a fresh simplex until a restart no longer
 * improves it: a collapsed simplex can stall short of the minimum, and a restart is the usual cure.
 */
export function minimize(f: (x: number[]) => number, start: number[], options: NelderMeadOptions = {}): Minimum {
  let result = nelderMead(f, start, options);
  let evaluations = result.evaluations;
  for (let restart = 0; restart < 20; restart++) {
    const next = nelderMead(f, result.x, { ...options, step: 0.1 });
    evaluations += next.evaluations;
    const improved = result.value - next.value > 1e-10 * (1 + Math.abs(result.value));
    if (next.value < result.value) result = next;
    if (!improved) break;
  }
  if (!Number.isFinite(result.value)) throw new RangeError("the objective is not finite anywhere the search went");
  return { ...result, evaluations };
}
