import type { Locale } from "@dangol/domain";

const intl = (locale: Locale) => (locale === "ko" ? "ko-KR" : "en-US");

/** 0.987 → "98.7%"; "—" when there is nothing to divide by. */
export function share(part: number, whole: number, locale: Locale): string {
  if (whole <= 0) return "—";
  return new Intl.NumberFormat(intl(locale), { style: "percent", maximumFractionDigits: 1 }).format(part / whole);
}

export function decimal(value: number, locale: Locale, digits = 1): string {
  return new Intl.NumberFormat(intl(locale), { maximumFractionDigits: digits }).format(value);
}
