import { describe, expect, it } from "vitest";
import { describeRelativeDate, isIsoDate, isRelativeDate, RELATIVE_DATES, resolveDateValue } from "./relative-dates.ts";

// 2026-11-25 is a Wednesday.
const WEDNESDAY = "2026-11-25";

describe("resolveDateValue", () => {
  it("returns a calendar date unchanged", () => {
    expect(resolveDateValue("2026-02-28", WEDNESDAY)).toBe("2026-02-28");
  });

  it("resolves the named tokens against today, weeks starting on Monday", () => {
    const expected: Record<string, string> = {
      today: "2026-11-25",
      yesterday: "2026-11-24",
      this_week_start: "2026-11-23",
      last_week_start: "2026-11-16",
      last_week_end: "2026-11-22",
      this_month_start: "2026-11-01",
      last_month_start: "2026-10-01",
      last_month_end: "2026-10-31",
      this_year_start: "2026-01-01",
      last_year_start: "2025-01-01",
      last_year_end: "2025-12-31",
    };
    for (const [token, date] of Object.entries(expected)) expect(resolveDateValue(token, WEDNESDAY), token).toBe(date);
  });

  it("treats Monday as the first day of its own week and Sunday as the last", () => {
    expect(resolveDateValue("this_week_start", "2026-11-23")).toBe("2026-11-23");
    expect(resolveDateValue("this_week_start", "2026-11-29")).toBe("2026-11-23");
    expect(resolveDateValue("last_week_end", "2026-11-29")).toBe("2026-11-22");
  });

  it("crosses year boundaries for last month in January", () => {
    expect(resolveDateValue("last_month_start", "2026-01-15")).toBe("2025-12-01");
    expect(resolveDateValue("last_month_end", "2026-01-15")).toBe("2025-12-31");
    expect(resolveDateValue("last_month_end", "2024-03-10")).toBe("2024-02-29");
  });

  it("counts back days, weeks, months and years, clamping month ends", () => {
    expect(resolveDateValue("today-7d", WEDNESDAY)).toBe("2026-11-18");
    expect(resolveDateValue("today-30d", "2026-03-01")).toBe("2026-01-30");
    expect(resolveDateValue("today-2w", WEDNESDAY)).toBe("2026-11-11");
    expect(resolveDateValue("today-3m", "2026-05-31")).toBe("2026-02-28");
    expect(resolveDateValue("today-12m", "2026-05-31")).toBe("2025-05-31");
    expect(resolveDateValue("today-1y", "2024-02-29")).toBe("2023-02-28");
  });

  it("refuses anything else, and a bad today", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "26-01-01", "last_month", "today-0d", "today-3q", "today+1d"]) {
      expect(() => resolveDateValue(bad, WEDNESDAY), bad).toThrow(RangeError);
    }
    expect(() => resolveDateValue("today", "2026-11-31")).toThrow(/today must be/);
  });

  it("offers only tokens it can resolve", () => {
    for (const token of RELATIVE_DATES) {
      expect(isRelativeDate(token), token).toBe(true);
      expect(isIsoDate(resolveDateValue(token, WEDNESDAY)), token).toBe(true);
    }
  });
});

describe("describeRelativeDate", () => {
  it("labels the named tokens in Korean and English", () => {
    expect(describeRelativeDate("last_month_start", "ko")).toBe("지난달 1일");
    expect(describeRelativeDate("last_month_start", "en")).toBe("first day of last month");
    expect(describeRelativeDate("this_week_start", "ko")).toBe("이번 주 월요일");
  });

  it("labels offsets with the count and unit", () => {
    expect(describeRelativeDate("today-3m", "ko")).toBe("3개월 전");
    expect(describeRelativeDate("today-1d", "en")).toBe("1 day ago");
    expect(describeRelativeDate("today-2w", "en")).toBe("2 weeks ago");
  });

  it("returns anything else unchanged", () => {
    expect(describeRelativeDate("2026-01-01", "ko")).toBe("2026-01-01");
  });
});
