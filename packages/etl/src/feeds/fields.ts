/**
 * Field rules shared by the readers: what makes a value unusable (the row is rejected) versus
 * merely bad (the row loads with a finding). Thresholds are the data policy's (feeds.md).
 */

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= (days[month - 1] ?? 0);
}

/** `YYYYMMDD` or `YYYY-MM-DD` → `YYYY-MM-DD`, or null when it is not a calendar day. */
export function parseDate(value: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function validTime(h: string, mi: string, s: string): boolean {
  return Number(h) < 24 && Number(mi) < 60 && Number(s) < 60;
}

/**
 * Local Seoul time (`YYYY-MM-DD HH:MM:SS` or `YYYYMMDDHHMMSS`) → a timestamptz literal, or null.
 * Feeds carry no offset: every division's systems run on KST.
 */
export function parseSeoulTimestamp(value: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(value);
  if (!m) return null;
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || !validTime(m[4]!, m[5]!, m[6]!)) return null;
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}+09`;
}

/** ISO-8601 with an explicit offset (SM) → the same string when it denotes a real instant. */
export function parseIsoTimestamp(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return null;
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || !validTime(m[4]!, m[5]!, m[6]!)) return null;
  return value;
}

/** A whole number, optionally with thousands separators (`"1,234,000"`, DPT 판매금액). */
export function parseInteger(value: string, allowSeparators = false): number | null {
  const text =
    allowSeparators && value.includes(",") && /^-?\d{1,3}(,\d{3})+$/.test(value) ? value.replaceAll(",", "") : value;
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseDecimal(value: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

/**
 * Every accepted phone shape to digits (`+82-10-…` → `010…`); valid means a mobile number
 * (`01X` + 7–8 digits) or a landline (`02`–`06X`, 9–11 digits). Null when blank.
 */
export function normalisePhone(value: string): { digits: string; valid: boolean } | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  let digits = trimmed.replace(/[\s-]/g, "");
  if (digits.startsWith("+82")) digits = `0${digits.slice(3).replace(/^0/, "")}`;
  const valid = /^\d+$/.test(digits) && (/^01[016789]\d{7,8}$/.test(digits) || /^0[2-6]\d{7,9}$/.test(digits));
  return { digits, valid };
}

export function isValidEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** A birth date exists on the calendar and lies between 1900-01-01 and the business day. */
export function parseBirthDate(value: string, businessDate: string | null): string | null {
  const date = parseDate(value);
  if (date === null || date < "1900-01-01") return null;
  if (businessDate !== null && date > businessDate) return null;
  return date;
}
