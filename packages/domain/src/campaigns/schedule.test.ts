import { afterEach, describe, expect, it } from "vitest";
import { formatSeoulDate } from "../format/locale.ts";
import type { CampaignSchedule } from "./model.ts";
import { nextRuns } from "./schedule.ts";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const at = (text: string) => new Date(text);

const daily = (time: string): CampaignSchedule => ({ kind: "recurring", preset: "daily_morning", time });
const monday = (time: string): CampaignSchedule => ({ kind: "recurring", preset: "weekly_monday", time });
const first = (time: string): CampaignSchedule => ({ kind: "recurring", preset: "monthly_first", time });

describe("nextRuns", () => {
  describe("once", () => {
    const once: CampaignSchedule = { kind: "once", at: "2026-12-01T10:00:00+09:00" };

    it("gives the instant while it is ahead", () => {
      expect(iso(nextRuns(once, at("2026-11-24T00:00:00Z"), 5))).toEqual(["2026-12-01T01:00:00.000Z"]);
    });

    it("gives nothing at or after the instant", () => {
      expect(nextRuns(once, at("2026-12-01T01:00:00Z"), 5)).toEqual([]);
      expect(nextRuns(once, at("2026-12-01T01:00:00.001Z"), 5)).toEqual([]);
      expect(nextRuns(once, at("2026-12-01T00:59:59.999Z"), 1)).toHaveLength(1);
    });
  });

  describe("daily_morning", () => {
    it("runs every day at the time in Seoul", () => {
      expect(iso(nextRuns(daily("07:00"), at("2026-11-24T12:00:00+09:00"), 3))).toEqual([
        "2026-11-24T22:00:00.000Z",
        "2026-11-25T22:00:00.000Z",
        "2026-11-26T22:00:00.000Z",
      ]);
    });

    it("includes today's run a millisecond before it and skips it at the very minute", () => {
      expect(iso(nextRuns(daily("07:00"), at("2026-11-24T06:59:59.999+09:00"), 1))).toEqual([
        "2026-11-23T22:00:00.000Z",
      ]);
      expect(iso(nextRuns(daily("07:00"), at("2026-11-24T07:00:00+09:00"), 1))).toEqual(["2026-11-24T22:00:00.000Z"]);
    });

    it("reads 'today' in Seoul: 00:30 in Seoul is still yesterday in UTC", () => {
      // 2026-11-25 00:30 Seoul = 2026-11-24 15:30 UTC; the 23:30 run of Seoul's 25th is 14:30 UTC on the 25th.
      expect(iso(nextRuns(daily("23:30"), at("2026-11-24T15:30:00Z"), 2))).toEqual([
        "2026-11-25T14:30:00.000Z",
        "2026-11-26T14:30:00.000Z",
      ]);
      // and at 23:00 Seoul on the 24th, that day's 23:30 run is still ahead
      expect(iso(nextRuns(daily("23:30"), at("2026-11-24T14:00:00Z"), 1))).toEqual(["2026-11-24T14:30:00.000Z"]);
    });

    it("runs at midnight and through month ends and a leap day", () => {
      expect(iso(nextRuns(daily("00:00"), at("2028-02-28T12:00:00+09:00"), 3))).toEqual([
        "2028-02-28T15:00:00.000Z", // 29 Feb 00:00 Seoul
        "2028-02-29T15:00:00.000Z", // 1 Mar
        "2028-03-01T15:00:00.000Z",
      ]);
    });
  });

  describe("weekly_monday", () => {
    it("runs on Seoul's Monday, which is Sunday in UTC for a morning time", () => {
      // 2026-11-24 is a Tuesday; the next Monday is the 30th.
      expect(iso(nextRuns(monday("08:00"), at("2026-11-24T09:00:00+09:00"), 3))).toEqual([
        "2026-11-29T23:00:00.000Z",
        "2026-12-06T23:00:00.000Z",
        "2026-12-13T23:00:00.000Z",
      ]);
    });

    it("counts a Monday run from Monday itself: before the time it is today's, at the time next week's", () => {
      expect(iso(nextRuns(monday("08:00"), at("2026-11-30T07:59:00+09:00"), 1))).toEqual(["2026-11-29T23:00:00.000Z"]);
      expect(iso(nextRuns(monday("08:00"), at("2026-11-30T08:00:00+09:00"), 1))).toEqual(["2026-12-06T23:00:00.000Z"]);
    });

    it("finds Seoul's Monday 00:10 while it is still Sunday in UTC", () => {
      // Sunday 2026-11-29 23:00 Seoul = 14:00 UTC Sunday: the next Monday 00:10 is an hour and ten minutes away.
      expect(iso(nextRuns(monday("00:10"), at("2026-11-29T14:00:00Z"), 1))).toEqual(["2026-11-29T15:10:00.000Z"]);
    });
  });

  describe("monthly_first", () => {
    it("runs on the 1st of each Seoul month, across the year end", () => {
      expect(iso(nextRuns(first("00:30"), at("2026-12-15T00:00:00Z"), 3))).toEqual([
        "2026-12-31T15:30:00.000Z", // 1 Jan 2027 00:30 Seoul
        "2027-01-31T15:30:00.000Z",
        "2027-02-28T15:30:00.000Z",
      ]);
    });

    it("skips to next month once the 1st's run has passed", () => {
      expect(iso(nextRuns(first("10:00"), at("2026-12-01T10:00:00+09:00"), 1))).toEqual(["2027-01-01T01:00:00.000Z"]);
      expect(iso(nextRuns(first("10:00"), at("2026-12-01T09:59:00+09:00"), 1))).toEqual(["2026-12-01T01:00:00.000Z"]);
    });
  });

  describe("trigger", () => {
    it("evaluates every day at its time, 07:00 Seoul by default", () => {
      const birthday: CampaignSchedule = { kind: "trigger", trigger: "birthday_month", time: "07:00" };
      expect(iso(nextRuns(birthday, at("2026-11-24T07:00:00+09:00"), 2))).toEqual([
        "2026-11-24T22:00:00.000Z",
        "2026-11-25T22:00:00.000Z",
      ]);
      const dormant: CampaignSchedule = { kind: "trigger", trigger: "became_dormant_this_week", time: "09:15" };
      expect(iso(nextRuns(dormant, at("2026-11-24T09:00:00+09:00"), 1))).toEqual(["2026-11-24T00:15:00.000Z"]);
    });
  });

  describe("host time zone", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it("gives the same runs whatever zone the host is in", () => {
      const from = at("2026-11-29T14:00:00Z");
      const runs = (tz: string) => {
        process.env.TZ = tz;
        return iso(nextRuns(monday("00:10"), from, 2));
      };
      const utc = runs("UTC");
      expect(runs("America/Los_Angeles")).toEqual(utc);
      expect(runs("Asia/Seoul")).toEqual(utc);
      expect(runs("Australia/Sydney")).toEqual(utc);
    });
  });

  it("gives nothing for a count of 0 and refuses a bad count or date", () => {
    expect(nextRuns(daily("07:00"), at("2026-11-24T00:00:00Z"), 0)).toEqual([]);
    expect(() => nextRuns(daily("07:00"), at("2026-11-24T00:00:00Z"), -1)).toThrow(RangeError);
    expect(() => nextRuns(daily("07:00"), at("2026-11-24T00:00:00Z"), 1.5)).toThrow(RangeError);
    expect(() => nextRuns(daily("07:00"), at("2026-11-24T00:00:00Z"), 1_001)).toThrow(RangeError);
    expect(() => nextRuns(daily("07:00"), new Date(Number.NaN), 1)).toThrow(/from/);
    expect(() => nextRuns(daily("7am"), at("2026-11-24T00:00:00Z"), 1)).toThrow(/HH:MM/);
    expect(() => nextRuns({ kind: "once", at: "soon" }, at("2026-11-24T00:00:00Z"), 1)).toThrow(/soon/);
  });

  it("gives as many runs as asked, strictly increasing", () => {
    const runs = nextRuns(first("07:00"), at("2026-01-01T00:00:00Z"), 24).map((d) => d.getTime());
    expect(runs).toHaveLength(24);
    expect(runs.every((t, i) => i === 0 || t > (runs[i - 1] ?? 0))).toBe(true);
    expect(runs.map((t) => formatSeoulDate(new Date(t)).slice(8))).toEqual(Array(24).fill("01"));
  });
});
