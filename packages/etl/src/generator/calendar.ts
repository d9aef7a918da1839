/**
 * Business days and shopping rhythm. Days are whole Asia/Seoul calendar days counted from
 * 1970-01-01 and times are Seoul wall-clock seconds: Seoul has no DST, so plain UTC arithmetic
 * on those numbers is exact and no time-zone library is needed.
 */
import { UserInputError } from "./errors.ts";
import type { Division } from "./types.ts";

export const DEFAULT_END = "2025-12-31";

const DAY_MS = 86_400_000;

export function dayFromIso(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new UserInputError(`"${iso}" is not a YYYY-MM-DD date`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  if (new Date(ms).getUTCDate() !== d) throw new UserInputError(`"${iso}" is not a calendar date`);
  return ms / DAY_MS;
}

export type YMD = { y: number; m: number; d: number };

export function ymdOf(day: number): YMD {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** `YYYYMMDD`, the date in every daily file name. */
export function compactDate(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${y}${p2(m)}${p2(d)}`;
}

export function isoDate(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${y}-${p2(m)}-${p2(d)}`;
}

/** Seoul wall-clock seconds since 1970-01-01 00:00 Seoul. */
export type LocalSeconds = number;

export type DateTimeParts = YMD & { hh: number; mi: number; ss: number };

export function partsOf(at: LocalSeconds): DateTimeParts {
  const date = new Date(at * 1000);
  return {
    y: date.getUTCFullYear(),
    m: date.getUTCMonth() + 1,
    d: date.getUTCDate(),
    hh: date.getUTCHours(),
    mi: date.getUTCMinutes(),
    ss: date.getUTCSeconds(),
  };
}

/** `YYYY-MM-DD HH:MM:SS` (DPT). */
export function spacedDateTime(t: DateTimeParts): string {
  return `${t.y}-${p2(t.m)}-${p2(t.d)} ${p2(t.hh)}:${p2(t.mi)}:${p2(t.ss)}`;
}

/** `YYYYMMDDHHMMSS` (MART). */
export function compactDateTime(t: DateTimeParts): string {
  return `${t.y}${p2(t.m)}${p2(t.d)}${p2(t.hh)}${p2(t.mi)}${p2(t.ss)}`;
}

/** ISO-8601 with the Seoul offset (SM). */
export function isoDateTime(t: DateTimeParts): string {
  return `${t.y}-${p2(t.m)}-${p2(t.d)}T${p2(t.hh)}:${p2(t.mi)}:${p2(t.ss)}+09:00`;
}

export function dayOfWeek(day: number): number {
  // 1970-01-01 was a Thursday; 0 = Sunday.
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * 설날 and 추석 (lunar holidays, so no formula: the published dates). Outside these years the
 * generator simply has no holiday effect; extend the table to generate further out.
 */
const LUNAR_HOLIDAYS: readonly string[] = [
  "2022-02-01",
  "2022-09-10",
  "2023-01-22",
  "2023-09-29",
  "2024-02-10",
  "2024-09-17",
  "2025-01-29",
  "2025-10-06",
  "2026-02-17",
  "2026-09-25",
  "2027-02-07",
  "2027-09-15",
];
const HOLIDAY_DAYS = LUNAR_HOLIDAYS.map(dayFromIso);

/** Days from the nearest 설/추석 (negative before it), or undefined when none is within 21 days. */
export function daysFromLunarHoliday(day: number): number | undefined {
  for (const holiday of HOLIDAY_DAYS) if (Math.abs(day - holiday) <= 21) return day - holiday;
  return undefined;
}

/** Large marts close on the 2nd and 4th Sunday (의무휴업) and, like department stores, on 설/추석 itself. */
export function isClosed(division: Division, day: number): boolean {
  if (division === "SM") return false;
  if (daysFromLunarHoliday(day) === 0) return true;
  if (division === "MART" && dayOfWeek(day) === 0) {
    const nth = Math.ceil(ymdOf(day).d / 7);
    return nth === 2 || nth === 4;
  }
  return false;
}

// Sun … Sat. Department stores and marts are weekend outings; a supermarket is a weekday errand too.
const WEEKDAY: Record<Division, readonly number[]> = {
  DPT: [1.55, 0.8, 0.75, 0.8, 0.85, 1.05, 1.7],
  MART: [1.45, 0.8, 0.8, 0.8, 0.85, 1.05, 1.6],
  SM: [1.05, 0.95, 0.95, 0.95, 1.0, 1.1, 1.15],
};
export const MAX_WEEKDAY_WEIGHT = 1.7;

/** Relative footfall of a weekday (the acceptance weight for a scheduled visit); 0 when closed. */
export function weekdayWeight(division: Division, day: number): number {
  return isClosed(division, day) ? 0 : WEEKDAY[division][dayOfWeek(day)]!;
}

/**
 * How much more often people shop around a date: the gift-set fortnight before 설/추석, the
 * quiet holiday itself, year-end in December. Divides the next inter-purchase gap.
 */
export function seasonFactor(division: Division, day: number): number {
  let factor = 1;
  const offset = daysFromLunarHoliday(day);
  if (offset !== undefined) {
    if (offset >= -14 && offset <= -2) factor *= division === "DPT" ? 1.8 : division === "MART" ? 1.45 : 1.15;
    else if (offset >= -1 && offset <= 1) factor *= division === "SM" ? 0.8 : 0.5;
  }
  const { m, d } = ymdOf(day);
  if (m === 12) factor *= division === "DPT" ? 1.35 : division === "MART" ? 1.15 : 1.05;
  if (m === 1 && d <= 3) factor *= 0.8;
  if (m >= 6 && m <= 8 && division === "DPT") factor *= 0.9;
  return factor;
}
