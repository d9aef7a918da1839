const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a calendar date, or undefined when it does not exist (2011-02-30). */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export type InvoiceDateTime = {
  /** days since 1970-01-01 */
  day: number;
  /** local wall-clock time as `YYYY-MM-DD HH:MM:SS` (no zone: the file gives none) */
  local: string;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * An invoice timestamp of the UCI Online Retail files. They come as `2010-12-01 08:26:00` (the
 * R/CRAN export) or, when saved from the original spreadsheet, `12/1/2010 8:26` (month first).
 * A missing time of day reads as midnight.
 */
export function parseInvoiceDateTime(text: string): InvoiceDateTime | undefined {
  const trimmed = text.trim();
  const iso = ISO_DATE_TIME.exec(trimmed);
  const us = iso ? undefined : US_DATE_TIME.exec(trimmed);
  const match = iso ?? us;
  if (!match) return undefined;
  const [year, month, date] = iso
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [Number(match[3]), Number(match[1]), Number(match[2])];
  const day = dayNumber(year, month, date);
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (day === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  return { day, local: `${pad(year, 4)}-${pad(month)}-${pad(date)} ${pad(hour)}:${pad(minute)}:${pad(second)}` };
}

/** The calendar day of an invoice timestamp (see parseInvoiceDateTime). */
export function parseInvoiceDay(text: string): number | undefined {
  return parseInvoiceDateTime(text)?.day;
}
