import { z } from "zod";

export const cycleConfigSchema = z.object({
  /** Distinct purchase days needed before an interval means anything (two days give one gap). */
  minPurchaseDays: z.number().int().min(3).default(3),
  /** "Due now" window around the expected date: ± max(toleranceDays, toleranceShare × interval). */
  toleranceDays: z.number().int().min(0).max(60).default(3),
  toleranceShare: z.number().min(0).max(1).default(0.2),
  /** Days of history the intervals look at. */
  lookbackDays: z.number().int().min(30).max(3650).default(730),
  /** Category level of per-category cycles: 1 대분류, 2 중분류, 3 소분류. */
  categoryLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
});
export type CycleConfig = z.output<typeof cycleConfigSchema>;
export const DEFAULT_CYCLE_CONFIG: CycleConfig = cycleConfigSchema.parse({});

/**
 * Median gap in days between consecutive distinct purchase days (day numbers, any order,
 * duplicates allowed). Undefined below `minPurchaseDays` distinct days. The median, not the mean,
 * so one long holiday away does not stretch a weekly shopper's rhythm.
 */
export function medianInterval(days: Iterable<number>, minPurchaseDays = 3): number | undefined {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  if (distinct.length < Math.max(3, minPurchaseDays)) return undefined;
  const gaps = distinct.slice(1).map((day, i) => day - distinct[i]!);
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

export type CycleStatus = {
  medianIntervalDays: number;
  nextExpectedDay: number;
  toleranceDays: number;
  dueNow: boolean;
};

/**
 * Next expected purchase = last purchase day + median interval (rounded to a day). The customer
 * is "due now" (구매주기 도래) while today is inside expected ± tolerance; past the window they are
 * overdue rather than due (lifecycle's at-risk rule takes over).
 */
export function cycleStatus(
  days: Iterable<number>,
  today: number,
  config: CycleConfig = DEFAULT_CYCLE_CONFIG,
): CycleStatus | undefined {
  const list = [...days];
  const median = medianInterval(list, config.minPurchaseDays);
  if (median === undefined) return undefined;
  const last = Math.max(...list.filter((d) => d <= today));
  const nextExpectedDay = last + Math.round(median);
  const toleranceDays = Math.max(config.toleranceDays, Math.round(config.toleranceShare * median));
  return {
    medianIntervalDays: median,
    nextExpectedDay,
    toleranceDays,
    dueNow: today >= nextExpectedDay - toleranceDays && today <= nextExpectedDay + toleranceDays,
  };
}
