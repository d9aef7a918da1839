const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a calendar date, or undefined when it does not exist (2011-02-30). */
function dayNumber(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` date as a day number. */
export function parseIsoDay(text: string): number | undefined {
  const match = ISO_DATE.exec(text.trim());
  return match ? dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

/**
 * The calendar day of an invoice timestamp (`2010-12-01 08:26:00` or `12/1/2010 8:26`); shared with
 * the online-retail importer, which also keeps the time of day.
 */
export { parseInvoiceDay } from "@dangol/etl/importers";
