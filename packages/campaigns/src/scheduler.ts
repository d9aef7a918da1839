import type { PrismaClient } from "@dangol/db/client";
import { type CampaignDefinition, nextRuns, SYSTEM_ACTOR } from "@dangol/domain";
import type { JobProducer } from "@dangol/jobs";
import { campaignAction } from "./campaigns.ts";
import { createRun } from "./runs.ts";

/**
 * The scheduler's minute: every SCHEDULED or RUNNING campaign whose next run is due gets its run
 * (the first one moves it to RUNNING) and the next occurrence; a one-off campaign whose run is over
 * is completed. Missed occurrences (the worker was down) are not made up: the next one is counted
 * from now, so a daily campaign never sends three days' worth at once.
 */
export async function launchDueRuns(
  prisma: PrismaClient,
  producer: JobProducer,
  now: Date = new Date(),
  /** only these campaigns (an operator's or a test's); all of them when left out */
  only?: readonly string[],
): Promise<{ launched: string[]; completed: string[] }> {
  const scope = only ? { id: { in: only.map((id) => BigInt(id)) } } : {};
  const due = await prisma.campaign.findMany({
    where: { ...scope, state: { in: ["SCHEDULED", "RUNNING"] }, nextRunAt: { lte: now } },
    select: { id: true, state: true, definition: true, nextRunAt: true },
    orderBy: { nextRunAt: "asc" },
  });
  const launched: string[] = [];
  for (const campaign of due) {
    if (campaign.state === "SCHEDULED")
      await campaignAction(prisma, producer, SYSTEM_ACTOR, campaign.id.toString(), "start", now);
    const definition = campaign.definition as unknown as CampaignDefinition;
    const run = await prisma.$transaction(async (tx) => {
      const created = await createRun(tx, campaign.id, definition, campaign.nextRunAt!);
      const [next] = nextRuns(definition.schedule, now, 1);
      await tx.campaign.update({ where: { id: campaign.id }, data: { nextRunAt: next ?? null } });
      return created;
    });
    await producer.enqueue("campaigns.launch", { runId: run.id }, { jobId: `launch-${run.id}` });
    launched.push(run.id);
  }
  const finished = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT c.id FROM campaign c
     WHERE (${only === undefined} OR c.id = ANY(${(only ?? []).map((id) => BigInt(id))}::bigint[]))
       AND c.state = 'RUNNING' AND c.next_run_at IS NULL AND c.definition->'schedule'->>'kind' = 'once'
       AND EXISTS (SELECT 1 FROM campaign_run r WHERE r.campaign_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM campaign_run r WHERE r.campaign_id = c.id
                        AND r.status IN ('planning', 'dispatching'))`;
  const completed: string[] = [];
  for (const { id } of finished) {
    await campaignAction(prisma, producer, SYSTEM_ACTOR, id.toString(), "complete", now);
    completed.push(id.toString());
  }
  return { launched, completed };
}
