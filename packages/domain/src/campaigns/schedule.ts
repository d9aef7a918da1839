import type { CampaignSchedule, RecurringPreset } from "./model.ts";
import { SEOUL_UTC_OFFSET_MS, type SeoulClock, seoulClock } from "./seoul-clock.ts";

/*
 * When a campaign runs, in Seoul time (seoulClock: fixed +09:00, never the host's zone).
 *
 * - once: the instant itself, if it is still ahead.
 * - daily_morning: every day at its time; weekly_monday: every Monday; monthly_first: the 1st.
 * - triggers run every day at their time (07:00 unless set): each run selects the customers who
 *   newly qualify (cycle due today, became dormant this week, birthday month). Not sending the same
 *   customer twice for one occasion is the send's job, not the schedule's.
 *
 * A run exactly at `from` is not "next": a worker that asks for the next run after the one it just
 * did must not get that one again.
 */

const MINUTE_MS = 60_000;
const MAX_RUNS = 1_000;
const MONDAY = 1;

function minutesOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`a schedule time is HH:MM, got "${hhmm}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant of `minutes` past midnight on a Seoul date (Date.UTC rolls day 32 into next month). */
function seoulInstant(year: number, month: number, day: number, minutes: number): number {
  return Date.UTC(year, month, day) + minutes * MINUTE_MS - SEOUL_UTC_OFFSET_MS;
}

/** Every day at `minutes` from the day `from` falls on, keeping the days `keep` accepts. */
function daily(from: Date, minutes: number, count: number, keep: (d: SeoulClock) => boolean): Date[] {
  const runs: Date[] = [];
  const start = seoulClock(from);
  // A Monday comes within 7 days; the 1st within 31: the loop always ends.
  for (let i = 0; runs.length < count; i++) {
    const at = seoulInstant(start.year, start.month, start.day + i, minutes);
    if (at > from.getTime() && keep(seoulClock(new Date(at)))) runs.push(new Date(at));
  }
  return runs;
}

const PRESET_DAYS: Record<RecurringPreset, (d: SeoulClock) => boolean> = {
  daily_morning: () => true,
  weekly_monday: (d) => d.weekday === MONDAY,
  monthly_first: (d) => d.day === 1,
};

/** The next `count` runs strictly after `from`, earliest first (fewer for a one-off). */
export function nextRuns(schedule: CampaignSchedule, from: Date, count: number): Date[] {
  if (Number.isNaN(from.getTime())) throw new RangeError("from is not a valid date");
  if (!Number.isInteger(count) || count < 0 || count > MAX_RUNS) {
    throw new RangeError(`count must be a whole number from 0 to ${MAX_RUNS}, got ${count}`);
  }
  if (count === 0) return [];
  switch (schedule.kind) {
    case "once": {
      const at = new Date(schedule.at);
      if (Number.isNaN(at.getTime())) throw new RangeError(`schedule at is not a valid instant: "${schedule.at}"`);
      return at.getTime() > from.getTime() ? [at] : [];
    }
    case "recurring":
      return daily(from, minutesOf(schedule.time), count, PRESET_DAYS[schedule.preset]);
    case "trigger":
      return daily(from, minutesOf(schedule.time), count, () => true);
  }
}
