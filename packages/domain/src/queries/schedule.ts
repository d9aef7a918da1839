import { z } from "zod";
import type { Locale } from "../format/locale.ts";

/*
 * Schedules are stored as 5-field cron text (minute hour day-of-month month day-of-week) and
 * run in Asia/Seoul. The form offers presets; the cron escape hatch accepts numbers, ranges,
 * steps and lists only (no names, no seconds, no @daily) so what is saved is what the worker's
 * scheduler reads.
 */

const FIELDS = [
  { name: "minute", value: "[0-5]?\\d", min: 0, max: 59 },
  { name: "hour", value: "[01]?\\d|2[0-3]", min: 0, max: 23 },
  { name: "day of month", value: "0?[1-9]|[12]\\d|3[01]", min: 1, max: 31 },
  { name: "month", value: "0?[1-9]|1[0-2]", min: 1, max: 12 },
  // 0 and 7 are both Sunday.
  { name: "day of week", value: "[0-7]", min: 0, max: 7 },
] as const;

const STEP = "/[1-9]\\d?";
const FIELD_PATTERNS = FIELDS.map(({ value }) => {
  const v = `(?:${value})`;
  const atom = `(?:\\*(?:${STEP})?|${v}(?:-${v}(?:${STEP})?)?)`;
  return new RegExp(`^${atom}(?:,${atom})*$`);
});

/** The first problem with a cron text, or undefined when it is a valid 5-field expression. */
function cronProblem(cron: string): string | undefined {
  const fields = cron.split(" ");
  if (fields.length !== 5) return "must have 5 fields: minute hour day-of-month month day-of-week";
  for (const [i, field] of fields.entries()) {
    const spec = FIELDS[i]!;
    if (!FIELD_PATTERNS[i]!.test(field)) {
      return `${spec.name} "${field}" must be *, a number ${spec.min}–${spec.max}, a range a-b, a step */n or a list of them`;
    }
    for (const range of field.matchAll(/(\d+)-(\d+)/g)) {
      if (Number(range[1]) > Number(range[2])) return `${spec.name} range "${range[0]}" runs backwards`;
    }
  }
  return undefined;
}

export const cronSchema = z
  .string()
  .trim()
  .transform((cron) => cron.split(/\s+/).join(" "))
  .superRefine((cron, ctx) => {
    const problem = cronProblem(cron);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM between 00:00 and 23:59");

export const schedulePresetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("daily"), time }),
  z.object({
    kind: z.literal("weekly"),
    /** 0 = Sunday … 6 = Saturday, as cron counts. */
    weekday: z.number().int().min(0, "must be 0 (Sunday) to 6 (Saturday)").max(6, "must be 0 (Sunday) to 6 (Saturday)"),
    time,
  }),
  // Up to the 28th so the run happens every month.
  z.object({ kind: z.literal("monthly"), day: z.number().int().min(1, "must be 1–28").max(28, "must be 1–28"), time }),
  z.object({ kind: z.literal("cron"), cron: cronSchema }),
]);
export type SchedulePreset = z.output<typeof schedulePresetSchema>;

function minuteHour(hhmm: string): string {
  const [hh, mm] = hhmm.split(":");
  return `${Number(mm)} ${Number(hh)}`;
}

/** The cron text stored for a (parsed) preset. */
export function schedulePresetToCron(preset: SchedulePreset): string {
  switch (preset.kind) {
    case "daily":
      return `${minuteHour(preset.time)} * * *`;
    case "weekly":
      return `${minuteHour(preset.time)} * * ${preset.weekday}`;
    case "monthly":
      return `${minuteHour(preset.time)} ${preset.day} * *`;
    case "cron":
      return preset.cron;
  }
}

const PLAIN = /^(\d{1,2}) (\d{1,2}) (\*|\d{1,2}) \* (\*|\d)$/;

/** The preset a stored cron text came from, so the form opens on it; anything else is `cron`. */
export function schedulePresetFromCron(cron: string): SchedulePreset {
  const normalised = cron.trim().split(/\s+/).join(" ");
  const match = cronProblem(normalised) ? null : PLAIN.exec(normalised);
  if (match) {
    const time = `${match[2]!.padStart(2, "0")}:${match[1]!.padStart(2, "0")}`;
    const [, , , day, weekday] = match;
    if (day === "*" && weekday === "*") return { kind: "daily", time };
    if (day === "*") return { kind: "weekly", weekday: Number(weekday) % 7, time };
    if (weekday === "*" && Number(day) <= 28) return { kind: "monthly", day: Number(day), time };
  }
  return { kind: "cron", cron: normalised };
}

const WEEKDAYS: Record<Locale, readonly string[]> = {
  ko: ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

/** "매일 07:00", "매주 월요일 07:00", "매월 1일 07:00" (Seoul time); other expressions as their cron text. */
export function describeSchedule(cron: string, locale: Locale): string {
  const preset = schedulePresetFromCron(cron);
  const ko = locale === "ko";
  switch (preset.kind) {
    case "daily":
      return ko ? `매일 ${preset.time}` : `Daily at ${preset.time}`;
    case "weekly":
      return ko
        ? `매주 ${WEEKDAYS.ko[preset.weekday]} ${preset.time}`
        : `Every ${WEEKDAYS.en[preset.weekday]} at ${preset.time}`;
    case "monthly":
      return ko ? `매월 ${preset.day}일 ${preset.time}` : `Monthly on day ${preset.day} at ${preset.time}`;
    case "cron":
      return preset.cron;
  }
}

/** The name the workbench contract gives describeSchedule. */
export const describeCron = describeSchedule;
