import { type CampaignDefinition, SEOUL_UTC_OFFSET_MS, seoulClock } from "@dangol/domain";

/**
 * A triggered campaign's run takes the segment's members who newly qualify, as an SQL condition on
 * the snapshot member `m` (parameters from $3). Each trigger also leaves out the customers an
 * earlier run of the same campaign already took for the same reason, so a daily trigger contacts a
 * customer once per occasion, not every morning:
 * - cycle_due_today: the purchase cycle says due (customer_metrics.due_now); not taken by this
 *   campaign within its response window;
 * - became_dormant_this_week: dormant now (lifecycle stage) and never taken by this campaign, so the
 *   daily run catches each customer on the first day they are seen dormant;
 * - birthday_month: born in this Seoul month; not taken by this campaign since the month began.
 * Other schedules take the whole segment every run.
 */
export function triggerFilterSql(
  definition: Pick<CampaignDefinition, "schedule" | "responseWindowDays">,
  campaignId: bigint,
  runId: bigint,
  at: Date,
): { sql: string; values: unknown[] } {
  if (definition.schedule.kind !== "trigger") return { sql: "", values: [] };
  const takenSince = (since: Date) => ({
    sql: `AND NOT EXISTS (SELECT 1 FROM campaign_member p JOIN campaign_run r ON r.id = p.run_id
                           WHERE p.campaign_id = $3 AND p.customer_id = m.customer_id AND p.run_id <> $4
                             AND r.due_at >= $5)`,
    values: [campaignId, runId, since],
  });
  switch (definition.schedule.trigger) {
    case "cycle_due_today": {
      const taken = takenSince(new Date(at.getTime() - definition.responseWindowDays * 86_400_000));
      return {
        sql: `AND EXISTS (SELECT 1 FROM customer_metrics cm WHERE cm.customer_id = m.customer_id AND cm.due_now) ${taken.sql}`,
        values: taken.values,
      };
    }
    case "became_dormant_this_week": {
      const taken = takenSince(new Date(0));
      return {
        sql: `AND EXISTS (SELECT 1 FROM customer_metrics cm WHERE cm.customer_id = m.customer_id
                           AND cm.lifecycle_stage = 'dormant') ${taken.sql}`,
        values: taken.values,
      };
    }
    case "birthday_month": {
      const clock = seoulClock(at);
      const monthStart = new Date(Date.UTC(clock.year, clock.month, 1) - SEOUL_UTC_OFFSET_MS);
      const taken = takenSince(monthStart);
      return {
        sql: `AND EXISTS (SELECT 1 FROM customer c WHERE c.id = m.customer_id
                           AND extract(month FROM c.birth_date) = $6) ${taken.sql}`,
        values: [...taken.values, clock.month + 1],
      };
    }
  }
}
