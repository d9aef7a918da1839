/**
 * Amounts are integers in ten-thousandths of the currency unit: exact for unit prices quoted to
 * fractions of a cent (the UCI retail file has a few at 0.001), and still exact as JavaScript
 * numbers up to about 9·10¹¹ currency units per sum.
 */
export const MONEY_SCALE = 10_000;

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d{0,4}))?$|^([+-]?)\.(\d{1,4})$/;

/** A decimal string (up to four decimals) as exact ten-thousandths, or undefined if it is not one. */
export function parseMoney(text: string): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const sign = (match[1] ?? match[4]) === "-" ? -1 : 1;
  const whole = match[2] ?? "0";
  const fraction = (match[3] ?? match[5] ?? "").padEnd(4, "0");
  const units = Number(whole) * MONEY_SCALE + Number(fraction);
  if (!Number.isSafeInteger(units)) return undefined;
  return sign * units || 0;
}

/** Ten-thousandths to cents, halves to even (as Python's round() does on exact decimals). */
export function roundToCents(units: number): number {
  const perCent = MONEY_SCALE / 100;
  const cents = Math.floor(units / perCent);
  const remainder = units - cents * perCent;
  const twice = remainder * 2;
  if (twice > perCent || (twice === perCent && cents % 2 !== 0)) return cents + 1;
  return cents;
}

/**
 * Cents as Python prints a float rounded to two decimals ("4310.0", "1797.24", "-43.4"): the
 * format of the pandas reference file, so outputs can be compared line by line.
 */
export function formatCentsLikePython(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  const whole = Math.floor(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, "0");
  return `${sign}${whole}.${fraction.endsWith("0") ? fraction[0] : fraction}`;
}
