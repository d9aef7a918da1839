import { CAMPAIGN_THEMES, type CampaignTheme, SEOUL_UTC_OFFSET_MS } from "@dangol/domain";
import { z } from "zod";

/*
 * The URL parameters of the comparison and calendar pages, read leniently: a hand-typed or stale
 * URL shows the page with that filter dropped (and says so for a bad date), never an error page.
 */

const DAY_MS = 86_400_000;
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s);

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** Midnight in Seoul of a YYYY-MM-DD day, as an instant. */
export function seoulMidnight(day: string): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - SEOUL_UTC_OFFSET_MS);
}

/** YYYY-MM-DD of an instant in Seoul. */
export function seoulDay(at: Date): string {
  return new Date(at.getTime() + SEOUL_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

export const COMPARE_SORTS = ["recent", "roi", "lift"] as const;
export type CompareSort = (typeof COMPARE_SORTS)[number];

export type CompareParams = {
  theme: CampaignTheme | undefined;
  from: string | undefined;
  to: string | undefined;
  sort: CompareSort;
  badDate: boolean;
};

export function parseCompareParams(raw: Record<string, string | string[] | undefined>): CompareParams {
  const theme = CAMPAIGN_THEMES.find((t): t is CampaignTheme => t === one(raw.theme));
  const day = (v: string | undefined) => (v && isoDay.safeParse(v).success ? v : undefined);
  const from = day(one(raw.from));
  const to = day(one(raw.to));
  const sort = COMPARE_SORTS.find((s) => s === one(raw.sort)) ?? "recent";
  const badDate = (one(raw.from) !== undefined && !from) || (one(raw.to) !== undefined && !to);
  return { theme, from, to, sort, badDate };
}

/** The filter's instants: from Seoul midnight of `from` to the midnight after `to` (both days in). */
export function compareRange(p: CompareParams): { launchedFrom?: Date; launchedTo?: Date } {
  return {
    ...(p.from ? { launchedFrom: seoulMidnight(p.from) } : {}),
    ...(p.to ? { launchedTo: new Date(seoulMidnight(p.to).getTime() + DAY_MS) } : {}),
  };
}

/** Highest first; campaigns with nothing to sort by (null) go last, newest first among equals. */
export function sortComparison<T extends { roi: number | null; rateDifference: number | null }>(
  rows: T[],
  sort: CompareSort,
): T[] {
  if (sort === "recent") return rows;
  const key = (r: T) => (sort === "roi" ? r.roi : r.rateDifference);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const ka = key(a.r);
      const kb = key(b.r);
      if (ka === null || kb === null) return ka === kb ? a.i - b.i : ka === null ? 1 : -1;
      return kb - ka || a.i - b.i;
    })
    .map((x) => x.r);
}

export type MonthView = {
  /** YYYY-MM */
  month: string;
  year: number;
  /** 1–12 */
  monthNo: number;
  prev: string;
  next: string;
  /** the grid's days, whole weeks from Sunday; `inMonth` false for the neighbours' days */
  days: { day: string; inMonth: boolean }[];
  /** the month's first and last day */
  first: string;
  last: string;
};

const monthKey = (year: number, month0: number) => {
  const d = new Date(Date.UTC(year, month0, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** The month of `?month=YYYY-MM` (this Seoul month when missing or malformed) as a Sunday-first grid. */
export function monthView(raw: string | string[] | undefined, now: Date = new Date()): MonthView {
  const v = one(raw);
  const match = v ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(v) : null;
  const today = seoulDay(now);
  const year = match ? Number(match[1]) : Number(today.slice(0, 4));
  const month0 = match ? Number(match[2]) - 1 : Number(today.slice(5, 7)) - 1;
  const firstUtc = Date.UTC(year, month0, 1);
  const lastUtc = Date.UTC(year, month0 + 1, 0);
  const start = firstUtc - new Date(firstUtc).getUTCDay() * DAY_MS;
  const end = lastUtc + (6 - new Date(lastUtc).getUTCDay()) * DAY_MS;
  const days: MonthView["days"] = [];
  for (let t = start; t <= end; t += DAY_MS) {
    const d = new Date(t);
    days.push({ day: d.toISOString().slice(0, 10), inMonth: d.getUTCMonth() === month0 });
  }
  return {
    month: monthKey(year, month0),
    year,
    monthNo: month0 + 1,
    prev: monthKey(year, month0 - 1),
    next: monthKey(year, month0 + 1),
    days,
    first: new Date(firstUtc).toISOString().slice(0, 10),
    last: new Date(lastUtc).toISOString().slice(0, 10),
  };
}
