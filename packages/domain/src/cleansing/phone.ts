import { blank, type Cleansed } from "./result.ts";

// Separators people and systems put inside a number; anything else (letters, "#") makes it bad.
const SEPARATORS = /[\s\-.()/]/g;

/** Digits of a domestic number, with +82 / 0082 turned back into the trunk prefix 0. */
function domesticDigits(raw: string): string | null {
  let s = raw.trim().replace(SEPARATORS, "");
  if (s.startsWith("+82")) s = s.slice(3);
  else if (s.startsWith("0082")) s = s.slice(4);
  else if (!/^\d+$/.test(s)) return null;
  else return s;
  if (!/^\d+$/.test(s)) return null;
  // "+82 010…" (the trunk 0 kept by mistake) is common enough to accept.
  return s.startsWith("0") ? s : `0${s}`;
}

/** feeds.md: a mobile number is 01X plus 7–8 digits. */
const MOBILE = /^01\d{8,9}$/;
/** feeds.md: a landline starts with 02–06X and has 9–11 digits. */
const LANDLINE = /^0[2-6]\d{7,9}$/;

function dashed(digits: string): string {
  const head = digits.startsWith("02") ? 2 : 3;
  const tail = digits.length - 4;
  return `${digits.slice(0, head)}-${digits.slice(head, tail)}-${digits.slice(tail)}`;
}

/**
 * Any shape feeds.md lists (`010-1234-5678`, `01012345678`, `010 1234 5678`, `+82-10-1234-5678`,
 * `+821012345678`) to `010-1234-5678`; landlines to `02-123-4567` / `031-123-4567`.
 */
export function cleansePhone(raw: string | null | undefined): Cleansed<string> {
  if (blank(raw)) return { value: null };
  const digits = domesticDigits(raw);
  if (digits !== null && (MOBILE.test(digits) || LANDLINE.test(digits))) return { value: dashed(digits) };
  return { finding: { kind: "invalid_phone", raw } };
}

/** For a number cleansePhone produced: only mobiles identify a person (a landline is a household's). */
export function isMobilePhone(phone: string): boolean {
  return phone.startsWith("01");
}

export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, "");
}
