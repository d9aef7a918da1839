/** Business days travel as day numbers (days since 1970-01-01) between SQL and the domain rules. */
const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`"${iso}" is not a date as YYYY-MM-DD`);
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso)
    throw new RangeError(`"${iso}" is not a date`);
  return ms / MS_PER_DAY;
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Yesterday in Asia/Seoul: the nightly refresh at 03:00 covers the last complete business day. */
export function seoulYesterday(now: Date = new Date()): string {
  const seoulToday = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
  return isoFromDay(dayFromIso(seoulToday) - 1);
}

export function firstOfMonth(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY;
}
