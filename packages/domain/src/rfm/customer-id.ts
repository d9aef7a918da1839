const DIGITS = /^\d+$/;

/**
 * Orders customer ids the way the warehouse's numeric ids sort: all-digit ids by value (so "999"
 * comes before "12346"), anything else by code point after them. Tie-breaking by id must not
 * depend on whether an id happens to be stored as text.
 */
export function compareCustomerIds(a: string, b: string): number {
  const aNumeric = DIGITS.test(a);
  const bNumeric = DIGITS.test(b);
  if (aNumeric && bNumeric) {
    const x = a.replace(/^0+(?=\d)/, "");
    const y = b.replace(/^0+(?=\d)/, "");
    if (x.length !== y.length) return x.length - y.length;
  } else if (aNumeric !== bNumeric) {
    return aNumeric ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
