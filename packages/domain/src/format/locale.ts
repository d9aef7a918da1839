/** Korean first: every user-facing date is Asia/Seoul, every amount KRW. */
export const TIME_ZONE = "Asia/Seoul";
export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ko";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

const intlLocale = (locale: Locale) => (locale === "ko" ? "ko-KR" : "en-US");

/** ₩1,234,000 in both languages (KRW has no minor unit). */
export function formatKRW(amount: number | bigint, locale: Locale = DEFAULT_LOCALE): string {
  const value = typeof amount === "bigint" ? Number(amount) : amount;
  const sign = value < 0 ? "-" : "";
  return `${sign}₩${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(Math.abs(Math.round(value)))}`;
}

export function formatCount(value: number | bigint, locale: Locale = DEFAULT_LOCALE): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

/** 2026-11-24 in Seoul, whatever the server's zone. */
export function formatSeoulDate(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

/** 2026-11-24 09:05 in Seoul. */
export function formatSeoulDateTime(date: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
