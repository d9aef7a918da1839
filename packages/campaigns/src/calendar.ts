import type { PrismaClient } from "@dangol/db/client";
import { campaignScheduleSchema, nextRuns } from "@dangol/domain";

/*
 * The campaigns' side of the calendar: what ran (each run's due time) and what is planned (the
 * next run of a SCHEDULED or RUNNING campaign, and a recurring schedule's following occurrences
 * from the domain's nextRuns). Planned occurrences are a forecast: a paused or cancelled campaign
 * has none, and a trigger schedule shows the days it will look for newly qualifying customers.
 */

export type CalendarCampaignEntry = {
  campaignId: string;
  name: string;
  state: string;
  theme: string;
  at: Date;
  /** run = a run exists for this time; planned = the schedule says it will run then */
  kind: "run" | "planned";
};

/** At most this many planned occurrences per campaign in one range (a daily schedule over ~6 weeks). */
const MAX_PLANNED = 45;

export async function campaignCalendar(
  prisma: Pick<PrismaClient, "campaignRun" | "campaign">,
  range: { from: Date; to: Date },
  now: Date = new Date(),
): Promise<CalendarCampaignEntry[]> {
  const [runs, live] = await Promise.all([
    prisma.campaignRun.findMany({
      where: { dueAt: { gte: range.from, lt: range.to } },
      select: { dueAt: true, campaign: { select: { id: true, name: true, state: true, theme: true } } },
      orderBy: { dueAt: "asc" },
    }),
    prisma.campaign.findMany({
      where: { state: { in: ["SCHEDULED", "RUNNING"] }, nextRunAt: { not: null, lt: range.to } },
      select: { id: true, name: true, state: true, theme: true, nextRunAt: true, definition: true },
    }),
  ]);
  const entries: CalendarCampaignEntry[] = runs.map((r) => ({
    campaignId: r.campaign.id.toString(),
    name: r.campaign.name,
    state: r.campaign.state,
    theme: r.campaign.theme,
    at: r.dueAt,
    kind: "run",
  }));
  const ran = new Set(entries.map((e) => `${e.campaignId}@${e.at.getTime()}`));
  for (const c of live) {
    const next = c.nextRunAt as Date;
    const schedule = campaignScheduleSchema.safeParse((c.definition as { schedule?: unknown } | null)?.schedule);
    const planned = [next];
    if (schedule.success && schedule.data.kind !== "once") {
      // From the range's start when the next run is before it, so a later month still has its days.
      const from = new Date(Math.max(next.getTime(), range.from.getTime() - 1));
      for (const at of nextRuns(schedule.data, from, MAX_PLANNED)) {
        if (at >= range.to) break;
        planned.push(at);
      }
    }
    for (const at of planned) {
      // A run already created for this occurrence is shown as the run; the past is never "planned".
      if (at < range.from || at >= range.to || at < now || ran.has(`${c.id}@${at.getTime()}`)) continue;
      entries.push({
        campaignId: c.id.toString(),
        name: c.name,
        state: c.state,
        theme: c.theme,
        at,
        kind: "planned",
      });
    }
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.name.localeCompare(b.name));
}
