import { describe, expect, it } from "vitest";
import { cleanseBirthDate, isCalendarDate } from "./birth-date.ts";

const DAY = "2025-12-31";

describe("cleanseBirthDate", () => {
  it("reads YYYYMMDD and YYYY-MM-DD", () => {
    expect(cleanseBirthDate("19850307", DAY)).toEqual({ value: "1985-03-07" });
    expect(cleanseBirthDate("1985-03-07", DAY)).toEqual({ value: "1985-03-07" });
  });

  it("accepts the bounds: 1900-01-01 and the business day itself", () => {
    expect(cleanseBirthDate("19000101", DAY)).toEqual({ value: "1900-01-01" });
    expect(cleanseBirthDate("20251231", DAY)).toEqual({ value: "2025-12-31" });
  });

  it("accepts 29 February only in leap years", () => {
    expect(cleanseBirthDate("20000229", DAY)).toEqual({ value: "2000-02-29" });
    expect(cleanseBirthDate("19000229", DAY)).toEqual({ finding: { kind: "invalid_birth_date", raw: "19000229" } });
  });

  it.each(["20240230", "19851301", "19850132", "19850431", "18991231", "20260101", "1985-3-7", "abc"])(
    "flags %s",
    (raw) => {
      expect(cleanseBirthDate(raw, DAY)).toEqual({ finding: { kind: "invalid_birth_date", raw } });
    },
  );

  it("treats blank as absent", () => {
    expect(cleanseBirthDate(null, DAY)).toEqual({ value: null });
  });

  it("knows month lengths", () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2023, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(2025, 4, 31)).toBe(false);
  });
});
