import type { ResultColumnView } from "./run-types.ts";

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A result cell as text. Numbers get the reader's thousands separators and no currency sign
 * (a column may be won, points or a count); Postgres numerics arrive as text to keep their
 * precision, so those are grouped as text rather than through a float.
 */
export function formatCell(value: unknown, column: ResultColumnView, locale: "ko" | "en"): string {
  if (value === null || value === undefined) return "NULL";
  if (column.type === "number") {
    if (typeof value === "number") return new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US").format(value);
    if (typeof value === "string" && NUMERIC_TEXT.test(value)) {
      const [whole = "", fraction] = value.split(".");
      const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      return fraction === undefined ? grouped : `${grouped}.${fraction}`;
    }
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** 850 ms, 12.3 s, 2 min 5 s. */
export function formatDuration(ms: number, locale: "ko" | "en"): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}${locale === "ko" ? "초" : " s"}`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return locale === "ko" ? `${minutes}분 ${seconds}초` : `${minutes} min ${seconds} s`;
}
