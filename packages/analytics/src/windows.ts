import type { AnalyticsConfig } from "@dangol/domain/analytics";
import { addMonths, isEvaluationDay, nextEvaluationDay } from "@dangol/domain/tiers";
import { firstOfMonth } from "./days.ts";

/** Every date window of one refresh, as day numbers (inclusive lower bounds; all end on asOf). */
export type Windows = {
  asOf: number;
  /** Tier qualification window (tiers.windowMonths), also the window of spend_12m / visits_12m / format shares. */
  tierFrom: number;
  nextEvaluation: number;
  /** Purchases on or after this day still count at the next evaluation. */
  retainedFrom: number;
  paceFrom: number;
  rfmFrom: number;
  cycleFrom: number;
  clvFrom: number;
  calibrationEnd: number;
  basketFrom: number;
  /** Earliest day any per-day aggregate needs. */
  historyFrom: number;
  /** First day of asOf's month (this refresh's snapshot month; earlier snapshots are "previous evaluations"). */
  month: number;
  /** When asOf + 1 is an evaluation day, the tier changes written take effect that day. */
  evaluationTakesEffect: number | undefined;
};

export function refreshWindows(asOf: number, config: AnalyticsConfig): Windows {
  const tomorrow = asOf + 1;
  const nextEvaluation = nextEvaluationDay(asOf, config.tiers);
  const tierFrom = addMonths(tomorrow, -config.tiers.windowMonths);
  const retainedFrom = addMonths(nextEvaluation, -config.tiers.windowMonths);
  const paceFrom = asOf - config.tiers.paceDays + 1;
  const rfmFrom = addMonths(tomorrow, -config.rfm.windowMonths);
  const cycleFrom = asOf - config.cycles.lookbackDays + 1;
  const clvFrom = asOf - config.clv.lookbackDays + 1;
  const basketFrom = asOf - config.baskets.windowDays + 1;
  const month = firstOfMonth(asOf);
  return {
    asOf,
    tierFrom,
    nextEvaluation,
    retainedFrom,
    paceFrom,
    rfmFrom,
    cycleFrom,
    clvFrom,
    calibrationEnd: asOf - config.clv.holdoutDays,
    basketFrom,
    historyFrom: Math.min(tierFrom, retainedFrom, paceFrom, rfmFrom, cycleFrom, clvFrom),
    month,
    evaluationTakesEffect: isEvaluationDay(tomorrow, config.tiers) ? tomorrow : undefined,
  };
}
