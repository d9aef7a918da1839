import type { TierRules } from "./rules.ts";

/** Day numbers are days since 1970-01-01 (UTC calendar arithmetic on Seoul business dates). */
const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month1: number, day: number): number {
  return Date.UTC(year, month1 - 1, day) / MS_PER_DAY;
}

export function calendarOf(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The same day of the month `months` earlier (clamped to the month's last day). */
export function addMonths(day: number, months: number): number {
  const { year, month, day: dom } = calendarOf(day);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDom = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOf(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(dom, lastDom));
}

export function isEvaluationDay(day: number, rules: TierRules): boolean {
  const { month, day: dom } = calendarOf(day);
  return dom === rules.evaluationDay && rules.evaluationMonths.includes(month);
}

/** The first evaluation day strictly after `day`. */
export function nextEvaluationDay(day: number, rules: TierRules): number {
  const { year, month } = calendarOf(day);
  for (let ahead = 0; ahead <= 12; ahead++) {
    const y = year + Math.floor((month - 1 + ahead) / 12);
    const m = ((month - 1 + ahead) % 12) + 1;
    const candidate = dayOf(y, m, rules.evaluationDay);
    if (candidate > day && rules.evaluationMonths.includes(m)) return candidate;
  }
  throw new RangeError("no evaluation month configured");
}

/**
 * The qualification window of an evaluation on `evaluationDay`: from the same day `windowMonths`
 * earlier up to the day before (both included), e.g. 2025-07-01 → 2024-07-01 … 2025-06-30.
 */
export function qualificationWindow(evaluationDay: number, rules: TierRules): { from: number; to: number } {
  return { from: addMonths(evaluationDay, -rules.windowMonths), to: evaluationDay - 1 };
}
