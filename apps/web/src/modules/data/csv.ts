/**
 * CSV for people who open it in Excel: UTF-8 with a byte-order mark (without it Excel reads the
 * bytes as the system code page and Korean turns to mojibake), RFC 4180 quoting, CRLF rows.
 */
export const UTF8_BOM = "\uFEFF";

// A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection);
// the raw text of a rejected row is untrusted input, so such cells get a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** `attachment` with an ASCII fallback name and the real (possibly Korean) name per RFC 6266/5987. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
