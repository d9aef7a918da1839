import { describe, expect, it } from "vitest";
import { adSendTime, isQuietHour } from "./quiet-hours.ts";

// Seoul is UTC+09:00 all year: 21:00 KST = 12:00Z, 08:00 KST = 23:00Z the day before.
const kst = (local: string) => new Date(`${local}+09:00`);

describe("adSendTime", () => {
  it("leaves a daytime send alone", () => {
    expect(adSendTime(kst("2026-11-24T14:30:00"), false)).toEqual(kst("2026-11-24T14:30:00"));
  });

  it("lets exactly 08:00 go and holds 07:59:59.999 until 08:00 the same day", () => {
    expect(adSendTime(kst("2026-11-24T08:00:00"), false)).toEqual(kst("2026-11-24T08:00:00"));
    expect(adSendTime(kst("2026-11-24T07:59:59.999"), false)).toEqual(kst("2026-11-24T08:00:00"));
  });

  it("lets 20:59:59.999 go and holds exactly 21:00 until 08:00 the next day", () => {
    expect(adSendTime(kst("2026-11-24T20:59:59.999"), false)).toEqual(kst("2026-11-24T20:59:59.999"));
    expect(adSendTime(kst("2026-11-24T21:00:00"), false)).toEqual(kst("2026-11-25T08:00:00"));
  });

  it("holds 23:30 until 08:00 the next day, across a month and a year end", () => {
    expect(adSendTime(kst("2026-11-30T23:30:00"), false)).toEqual(kst("2026-12-01T08:00:00"));
    expect(adSendTime(kst("2026-12-31T23:30:00"), false)).toEqual(kst("2027-01-01T08:00:00"));
  });

  it("holds 02:00 and midnight until 08:00 the same Seoul day (the previous UTC day)", () => {
    expect(adSendTime(kst("2026-11-25T02:00:00"), false)).toEqual(new Date("2026-11-24T23:00:00Z"));
    expect(adSendTime(kst("2026-11-25T00:00:00"), false)).toEqual(kst("2026-11-25T08:00:00"));
  });

  it("sends at night straight away with night-time consent", () => {
    expect(adSendTime(kst("2026-11-24T23:30:00"), true)).toEqual(kst("2026-11-24T23:30:00"));
    expect(adSendTime(kst("2026-11-24T02:00:00"), true)).toEqual(kst("2026-11-24T02:00:00"));
  });

  it("uses the fixed +09:00 offset in summer too (no DST in Korea)", () => {
    expect(adSendTime(new Date("2026-07-01T12:00:00Z"), false)).toEqual(new Date("2026-07-01T23:00:00Z"));
    expect(adSendTime(new Date("2026-07-01T11:59:59Z"), false)).toEqual(new Date("2026-07-01T11:59:59Z"));
  });

  it("returns a new Date, so the caller's own is never shared", () => {
    const at = kst("2026-11-24T10:00:00");
    expect(adSendTime(at, false)).not.toBe(at);
  });
});

describe("isQuietHour", () => {
  it("is true from 21:00 to 07:59:59.999 Seoul time only", () => {
    expect(isQuietHour(kst("2026-11-24T21:00:00"))).toBe(true);
    expect(isQuietHour(kst("2026-11-24T07:59:59.999"))).toBe(true);
    expect(isQuietHour(kst("2026-11-24T08:00:00"))).toBe(false);
    expect(isQuietHour(kst("2026-11-24T20:59:59.999"))).toBe(false);
  });

  it("handles instants before 1970 (negative epoch milliseconds)", () => {
    expect(isQuietHour(kst("1969-12-31T22:00:00"))).toBe(true);
    expect(adSendTime(kst("1969-12-31T22:00:00"), false)).toEqual(kst("1970-01-01T08:00:00"));
  });
});
