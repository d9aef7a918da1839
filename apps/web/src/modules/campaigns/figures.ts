import type { LiftReport } from "@dangol/domain";

/** The measurement figures as the screens print them; null (nothing to compute) is a dash. */

export const DASH = "—";

/** 0.1234 → "12.3%" */
export function rateText(rate: number | null): string {
  return rate === null ? DASH : `${(rate * 100).toFixed(1)}%`;
}

/** a rate difference in percentage points: 0.0123 → "+1.23%p" */
export function pointsText(diff: number | null): string {
  if (diff === null) return DASH;
  const v = diff * 100;
  return `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v).toFixed(2)}%p`;
}

/** ROI as a percentage: 1.5 → "+150%" */
export function roiText(roi: number | null): string {
  if (roi === null) return DASH;
  const v = Math.round(roi * 1000) / 10;
  return `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v).toFixed(1)}%`;
}

/** Small p-values are printed as a bound, not as 0.000. */
export function pValueText(p: number | null): string {
  if (p === null) return DASH;
  if (p < 0.001) return "< 0.001";
  return p.toFixed(3);
}

export function intervalText(ci: LiftReport["confidenceInterval95"]): string {
  return ci === null ? DASH : `${pointsText(ci.low)} ~ ${pointsText(ci.high)}`;
}

export type Significance = "significant" | "not_significant" | "no_test";

export function significanceOf(p: number | null): Significance {
  if (p === null) return "no_test";
  return p < 0.05 ? "significant" : "not_significant";
}
