import { blank, type Cleansed } from "./result.ts";

const SHAPE = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const EARLIEST = "1900-01-01";

/**
 * `YYYYMMDD` or `YYYY-MM-DD` to `YYYY-MM-DD`, if the date exists and lies between 1900-01-01 and
 * the business day (feeds.md). The business day is passed in: a domain rule reads no clock.
 */
export function cleanseBirthDate(raw: string | null | undefined, businessDay: string): Cleansed<string> {
  if (blank(raw)) return { value: null };
  const m = SHAPE.exec(raw.trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    if (isCalendarDate(y, mo, d) && iso >= EARLIEST && iso <= businessDay) return { value: iso };
  }
  return { finding: { kind: "invalid_birth_date", raw } };
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}
