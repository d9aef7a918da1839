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

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * The calendar day of an invoice timestamp. The UCI files come as `2010-12-01 08:26:00` (the R/CRAN
 * export) or, when saved from the original spreadsheet, `12/1/2010 8:26` (month first); the time
 * of day does not matter to RFM.
 */
export function parseInvoiceDay(text: string): number | undefined {
  const trimmed = text.trim();
  const iso = ISO_DATE_TIME.exec(trimmed);
  if (iso) return dayNumber(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US_DATE_TIME.exec(trimmed);
  if (us) return dayNumber(Number(us[3]), Number(us[1]), Number(us[2]));
  return undefined;
}
