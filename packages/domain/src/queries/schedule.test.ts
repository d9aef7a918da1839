import { describe, expect, it } from "vitest";
import {
  cronSchema,
  describeCron,
  describeSchedule,
  schedulePresetFromCron,
  schedulePresetSchema,
  schedulePresetToCron,
} from "./schedule.ts";

describe("schedulePresetSchema and schedulePresetToCron", () => {
  const cronOf = (input: unknown) => schedulePresetToCron(schedulePresetSchema.parse(input));

  it("turns each preset into cron text", () => {
    expect(cronOf({ kind: "daily", time: "07:00" })).toBe("0 7 * * *");
    expect(cronOf({ kind: "weekly", weekday: 1, time: "08:30" })).toBe("30 8 * * 1");
    expect(cronOf({ kind: "monthly", day: 1, time: "00:05" })).toBe("5 0 1 * *");
    expect(cronOf({ kind: "cron", cron: "  0  */2 *  * 1-5 " })).toBe("0 */2 * * 1-5");
  });

  it("refuses bad times, weekdays and days", () => {
    for (const bad of [
      { kind: "daily", time: "24:00" },
      { kind: "daily", time: "7:00" },
      { kind: "weekly", weekday: 7, time: "07:00" },
      { kind: "monthly", day: 29, time: "07:00" },
      { kind: "monthly", day: 0, time: "07:00" },
      { kind: "hourly" },
    ]) {
      expect(schedulePresetSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("cronSchema", () => {
  it("accepts numbers, ranges, steps and lists within each field's bounds", () => {
    for (const cron of ["* * * * *", "*/15 * * * *", "0,30 9-18 * * 1-5", "0 0 1-31/2 1,7 0", "59 23 31 12 7"]) {
      expect(cronSchema.safeParse(cron).success, cron).toBe(true);
    }
  });

  it("refuses out-of-range values, names, extra fields and backwards ranges, naming the field", () => {
    const message = (cron: string) => {
      const parsed = cronSchema.safeParse(cron);
      return parsed.success ? undefined : parsed.error.issues[0]!.message;
    };
    expect(message("60 * * * *")).toMatch(/^minute "60"/);
    expect(message("0 24 * * *")).toMatch(/^hour "24"/);
    expect(message("0 0 0 * *")).toMatch(/^day of month "0"/);
    expect(message("0 0 * 13 *")).toMatch(/^month "13"/);
    expect(message("0 0 * * 8")).toMatch(/^day of week "8"/);
    expect(message("0 0 * * MON")).toMatch(/^day of week/);
    expect(message("0 0 * * * *")).toMatch(/5 fields/);
    expect(message("@daily")).toMatch(/5 fields/);
    expect(message("0 0 * * */0")).toMatch(/^day of week/);
    expect(message("0 18-9 * * *")).toBe('hour range "18-9" runs backwards');
    expect(message("0 0 * * 1;SELECT")).toMatch(/^day of week/);
  });
});

describe("schedulePresetFromCron", () => {
  it("recognises what the presets write", () => {
    for (const preset of [
      { kind: "daily", time: "07:00" },
      { kind: "weekly", weekday: 0, time: "23:59" },
      { kind: "monthly", day: 28, time: "00:05" },
    ] as const) {
      expect(schedulePresetFromCron(schedulePresetToCron(preset))).toEqual(preset);
    }
  });

  it("reads day-of-week 7 as Sunday and keeps everything else as cron", () => {
    expect(schedulePresetFromCron("0 7 * * 7")).toEqual({ kind: "weekly", weekday: 0, time: "07:00" });
    expect(schedulePresetFromCron("0 7 31 * *")).toEqual({ kind: "cron", cron: "0 7 31 * *" });
    expect(schedulePresetFromCron("0 7 1 * 1")).toEqual({ kind: "cron", cron: "0 7 1 * 1" });
    expect(schedulePresetFromCron("*/5 * * * *")).toEqual({ kind: "cron", cron: "*/5 * * * *" });
  });
});

describe("describeSchedule", () => {
  it("says the presets in Korean and English", () => {
    expect(describeSchedule("0 7 * * *", "ko")).toBe("매일 07:00");
    expect(describeSchedule("0 7 * * 1", "ko")).toBe("매주 월요일 07:00");
    expect(describeSchedule("0 7 1 * *", "ko")).toBe("매월 1일 07:00");
    expect(describeSchedule("30 18 * * 5", "en")).toBe("Every Friday at 18:30");
    expect(describeCron("0 7 * * *", "en")).toBe("Daily at 07:00");
  });

  it("shows any other expression as its cron text", () => {
    expect(describeSchedule("0 9-18 * * 1-5", "ko")).toBe("0 9-18 * * 1-5");
  });
});
