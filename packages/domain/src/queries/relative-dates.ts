import type { Locale } from "../format/locale.ts";

/**
 * Dates a saved or scheduled query can hold instead of a fixed day, resolved against "today" in
 * Seoul at run time so "last month" stays last month. Weeks start on Monday, as in Korea. Besides
 * these, `today-<n>d|w|m|y` counts back n days, weeks, months or years.
 */
export const NAMED_RELATIVE_DATES = [
  "today",
  "yesterday",
  "this_week_start",
  "last_week_start",
  "last_week_end",
  "this_month_start",
  "last_month_start",
  "last_month_end",
  "this_year_start",
  "last_year_start",
  "last_year_end",
] as const;
export type NamedRelativeDate = (typeof NAMED_RELATIVE_DATES)[number];

/** The tokens the parameter form offers: the named ones and the offsets people ask for most. */
export const RELATIVE_DATES: readonly string[] = [
  ...NAMED_RELATIVE_DATES,
  "today-7d",
  "today-30d",
  "today-90d",
  "today-3m",
  "today-1y",
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET = /^today-([1-9]\d{0,3})([dwmy])$/;

type Ymd = { y: number; m: number; d: number };

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function parseIso(value: string): Ymd | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

/** True for a real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  return parseIso(value) !== undefined;
}

export function isRelativeDate(value: string): boolean {
  return (NAMED_RELATIVE_DATES as readonly string[]).includes(value) || OFFSET.test(value);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const formatYmd = ({ y, m, d }: Ymd) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

// Day arithmetic through UTC milliseconds: no zone, no DST.
function addDays(date: Ymd, days: number): Ymd {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Month arithmetic keeps the day when it exists and clamps to the month's end otherwise (05-31 − 3m = 02-28). */
function addMonths(date: Ymd, months: number): Ymd {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/** Days since Monday: Monday 0 … Sunday 6. */
function weekdayFromMonday({ y, m, d }: Ymd): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function resolveNamed(token: NamedRelativeDate, today: Ymd): Ymd {
  const monday = addDays(today, -weekdayFromMonday(today));
  switch (token) {
    case "today":
      return today;
    case "yesterday":
      return addDays(today, -1);
    case "this_week_start":
      return monday;
    case "last_week_start":
      return addDays(monday, -7);
    case "last_week_end":
      return addDays(monday, -1);
    case "this_month_start":
      return { ...today, d: 1 };
    case "last_month_start":
      return addMonths({ ...today, d: 1 }, -1);
    case "last_month_end":
      return addDays({ ...today, d: 1 }, -1);
    case "this_year_start":
      return { y: today.y, m: 1, d: 1 };
    case "last_year_start":
      return { y: today.y - 1, m: 1, d: 1 };
    case "last_year_end":
      return { y: today.y - 1, m: 12, d: 31 };
  }
}

/**
 * A date parameter's value as YYYY-MM-DD: a calendar date is returned as is, a relative token is
 * resolved against `today` (YYYY-MM-DD, Seoul). Anything else throws a RangeError.
 */
export function resolveDateValue(value: string, today: string): string {
  const base = parseIso(today);
  if (!base) throw new RangeError(`today must be a calendar date YYYY-MM-DD, got "${today}"`);
  const trimmed = value.trim();
  if (isIsoDate(trimmed)) return trimmed;
  if ((NAMED_RELATIVE_DATES as readonly string[]).includes(trimmed)) {
    return formatYmd(resolveNamed(trimmed as NamedRelativeDate, base));
  }
  const offset = OFFSET.exec(trimmed);
  if (offset) {
    const n = Number(offset[1]);
    const unit = offset[2];
    if (unit === "d") return formatYmd(addDays(base, -n));
    if (unit === "w") return formatYmd(addDays(base, -7 * n));
    return formatYmd(addMonths(base, unit === "m" ? -n : -12 * n));
  }
  throw new RangeError(`"${value}" is neither a date YYYY-MM-DD nor a relative date such as last_month_start`);
}

const NAMED_LABELS: Record<NamedRelativeDate, Record<Locale, string>> = {
  today: { ko: "오늘", en: "today" },
  yesterday: { ko: "어제", en: "yesterday" },
  this_week_start: { ko: "이번 주 월요일", en: "Monday this week" },
  last_week_start: { ko: "지난주 월요일", en: "Monday last week" },
  last_week_end: { ko: "지난주 일요일", en: "Sunday last week" },
  this_month_start: { ko: "이번 달 1일", en: "first day of this month" },
  last_month_start: { ko: "지난달 1일", en: "first day of last month" },
  last_month_end: { ko: "지난달 말일", en: "last day of last month" },
  this_year_start: { ko: "올해 1월 1일", en: "1 January this year" },
  last_year_start: { ko: "작년 1월 1일", en: "1 January last year" },
  last_year_end: { ko: "작년 12월 31일", en: "31 December last year" },
};

const UNIT_LABELS: Record<string, { ko: string; en: string }> = {
  d: { ko: "일", en: "day" },
  w: { ko: "주", en: "week" },
  m: { ko: "개월", en: "month" },
  y: { ko: "년", en: "year" },
};

/** The parameter form's label for a relative token ("지난달 1일", "3 months ago"); other text comes back unchanged. */
export function describeRelativeDate(token: string, locale: Locale): string {
  if ((NAMED_RELATIVE_DATES as readonly string[]).includes(token)) {
    return NAMED_LABELS[token as NamedRelativeDate][locale];
  }
  const offset = OFFSET.exec(token);
  if (!offset) return token;
  const n = Number(offset[1]);
  const unit = UNIT_LABELS[offset[2]!]!;
  return locale === "ko" ? `${n}${unit.ko} 전` : `${n} ${unit.en}${n === 1 ? "" : "s"} ago`;
}
