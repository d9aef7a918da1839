import { describe, expect, it } from "vitest";
import {
  compactDate,
  compactDateTime,
  dayFromIso,
  dayOfWeek,
  isClosed,
  isoDateTime,
  partsOf,
  seasonFactor,
  spacedDateTime,
  weekdayWeight,
} from "./calendar.ts";

const day = dayFromIso;

describe("calendar", () => {
  it("round-trips days and formats Seoul wall-clock times in each division's shape", () => {
    const d = day("2025-03-02");
    expect(compactDate(d)).toBe("20250302");
    const at = partsOf(d * 86_400 + 18 * 3600 + 22 * 60 + 11);
    expect(spacedDateTime(at)).toBe("2025-03-02 18:22:11");
    expect(compactDateTime(at)).toBe("20250302182211");
    expect(isoDateTime(at)).toBe("2025-03-02T18:22:11+09:00");
  });

  it("refuses dates that are not on the calendar", () => {
    expect(() => dayFromIso("2024-02-30")).toThrow(/not a calendar date/);
    expect(() => dayFromIso("20240230")).toThrow(/YYYY-MM-DD/);
  });

  it("knows the weekday (2025-03-02 was a Sunday)", () => {
    expect(dayOfWeek(day("2025-03-02"))).toBe(0);
    expect(dayOfWeek(day("2025-03-08"))).toBe(6);
  });

  it("closes marts on the 2nd and 4th Sunday and stores on 설/추석, never supermarkets", () => {
    expect(isClosed("MART", day("2025-03-09"))).toBe(true);
    expect(isClosed("MART", day("2025-03-23"))).toBe(true);
    expect(isClosed("MART", day("2025-03-16"))).toBe(false);
    expect(isClosed("DPT", day("2025-01-29"))).toBe(true);
    expect(isClosed("SM", day("2025-01-29"))).toBe(false);
    expect(weekdayWeight("MART", day("2025-03-09"))).toBe(0);
  });

  it("weighs weekends over weekdays, more for department stores than supermarkets", () => {
    const saturday = day("2025-03-08");
    const tuesday = day("2025-03-04");
    expect(weekdayWeight("DPT", saturday) / weekdayWeight("DPT", tuesday)).toBeGreaterThan(
      weekdayWeight("SM", saturday) / weekdayWeight("SM", tuesday),
    );
  });

  it("peaks before 추석 and in December, dips on the holiday itself", () => {
    expect(seasonFactor("DPT", day("2025-09-28"))).toBeGreaterThan(1.5);
    expect(seasonFactor("DPT", day("2025-10-06"))).toBeLessThan(1);
    expect(seasonFactor("MART", day("2025-12-15"))).toBeGreaterThan(1);
    expect(seasonFactor("SM", day("2025-05-14"))).toBe(1);
  });
});
