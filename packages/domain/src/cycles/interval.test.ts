import { describe, expect, it } from "vitest";
import { cycleStatus, DEFAULT_CYCLE_CONFIG, medianInterval } from "./interval.ts";

describe("medianInterval", () => {
  it("takes the median gap between distinct purchase days", () => {
    // days 0, 7, 14, 35: gaps 7, 7, 21 → 7
    expect(medianInterval([14, 0, 7, 35, 7])).toBe(7);
    // gaps 10, 20 → mean of the middle two … with an even count: 4 days → gaps 10, 20, 30 → 20
    expect(medianInterval([0, 10, 30, 60])).toBe(20);
    expect(medianInterval([0, 10, 30, 60, 61])).toBe(15);
  });

  it("needs at least three distinct days", () => {
    expect(medianInterval([0, 10, 10])).toBeUndefined();
  });
});

describe("cycleStatus", () => {
  it("expects the next purchase a median interval after the last and is due inside the tolerance", () => {
    const days = [0, 10, 20, 30];
    const status = cycleStatus(days, 37, DEFAULT_CYCLE_CONFIG);
    expect(status).toEqual({ medianIntervalDays: 10, nextExpectedDay: 40, toleranceDays: 3, dueNow: true });
    expect(cycleStatus(days, 36)?.dueNow).toBe(false);
    expect(cycleStatus(days, 43)?.dueNow).toBe(true);
    expect(cycleStatus(days, 44)?.dueNow).toBe(false);
  });

  it("widens the tolerance with long intervals", () => {
    expect(cycleStatus([0, 60, 120], 140)).toMatchObject({ nextExpectedDay: 180, toleranceDays: 12, dueNow: false });
    expect(cycleStatus([0, 60, 120], 168)?.dueNow).toBe(true);
  });
});
