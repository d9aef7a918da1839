import type { Prisma, PrismaClient } from "@dangol/db/client";
import type { CampaignDefinition } from "@dangol/domain";
import { JOBS, type JobProducer } from "@dangol/jobs";

type Tx = Prisma.TransactionClient;

/**
 * The run serving one occurrence of the campaign. (campaign, due time) is unique, so a scheduler
 * tick repeated after a crash finds the run it created instead of launching a second one.
 */
export async function createRun(
  tx: Tx,
  campaignId: bigint,
  definition: CampaignDefinition,
  dueAt: Date,
): Promise<{ id: string }> {
  await tx.$executeRaw`
    INSERT INTO campaign_run (campaign_id, due_at, seed, definition)
    VALUES (${campaignId}, ${dueAt}::timestamptz, ${`${campaignId}:${dueAt.toISOString()}`}, ${JSON.stringify(definition)}::jsonb)
    ON CONFLICT (campaign_id, due_at) DO NOTHING`;
  const [run] = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM campaign_run WHERE campaign_id = ${campaignId} AND due_at = ${dueAt}::timestamptz`;
  return { id: run!.id.toString() };
}

/**
 * A cancelled campaign sends nothing more: what waits is excluded with the reason "cancelled".
 * Contacts already claimed are with a provider and finish as they are.
 */
export async function cancelPendingContacts(tx: Tx, campaignId: bigint, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE campaign_contact SET status = 'EXCLUDED', exclusion_reason = 'cancelled', finished_at = ${now}::timestamptz
     WHERE campaign_id = ${campaignId} AND status = 'PLANNED'`;
  await tx.$executeRaw`
    UPDATE campaign_run SET status = 'cancelled', finished_at = ${now}::timestamptz
     WHERE campaign_id = ${campaignId} AND status IN ('planning', 'dispatching')`;
}

/** A launch that gave up: the run records why; nothing of it was written (the plan is one transaction). */
export async function failRun(prisma: PrismaClient, runId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await prisma.$executeRaw`
    UPDATE campaign_run SET status = 'failed', error = ${message.slice(0, 2_000)}, finished_at = now()
     WHERE id = ${BigInt(runId)} AND status = 'planning'`;
}

/** Job id of a batch's dispatch; `tag` distinguishes a later pass (a resume, a quiet-hours release). */
export function dispatchJobId(runId: string, batchNo: number, tag: string | number = "first"): string {
  return `dispatch-${runId}-${batchNo}-${tag}`;
}

/** After a pause: the batches not done yet go back on the queue. */
export async function requeueOpenBatches(
  prisma: PrismaClient,
  producer: JobProducer,
  campaignId: bigint,
  now: Date,
): Promise<number> {
  const open = await prisma.$queryRaw<{ run_id: bigint; batch_no: number }[]>`
    SELECT b.run_id, b.batch_no FROM campaign_batch b JOIN campaign_run r ON r.id = b.run_id
     WHERE r.campaign_id = ${campaignId} AND r.status = 'dispatching' AND b.done_at IS NULL
     ORDER BY b.run_id, b.batch_no`;
  await queueDispatches(
    producer,
    open.map((b) => ({ runId: b.run_id.toString(), batchNo: b.batch_no, tag: `resume${now.getTime()}` })),
  );
  return open.length;
}

/**
 * Adds dispatch jobs in bulk with the registry's options (attempts, backoff); a job id already
 * queued is not added again. `delayMs` holds a batch (the quiet hours' 08:00).
 */
export async function queueDispatches(
  producer: JobProducer,
  items: { runId: string; batchNo: number; tag?: string | number; delayMs?: number }[],
): Promise<void> {
  const { schema, options } = JOBS["campaigns.dispatch"];
  for (let i = 0; i < items.length; i += 1_000) {
    await producer.queue("campaigns").addBulk(
      items.slice(i, i + 1_000).map((item) => ({
        name: "campaigns.dispatch",
        data: schema.parse({ runId: item.runId, batchNo: item.batchNo }),
        opts: {
          ...options,
          jobId: dispatchJobId(item.runId, item.batchNo, item.tag),
          ...(item.delayMs ? { delay: item.delayMs } : {}),
        },
      })),
    );
  }
}
