import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@dangol/db/client";
import { type CampaignChannel, type CampaignDefinition, drawControlGroup, type EligibleCustomer } from "@dangol/domain";
import type { JobProducer } from "@dangol/jobs";
import { takeSnapshot } from "@dangol/segments";
import { queueDispatches } from "./runs.ts";
import { capDays, decide, loadSendInputs } from "./send-inputs.ts";
import { loadCampaignSettings } from "./settings.ts";
import { triggerFilterSql } from "./triggers.ts";

/** Customers read per statement while planning: bounded memory for the inputs at any segment size. */
const PLAN_CHUNK = 5_000;
/** Rows per INSERT of the plan (arrays bound as parameters). */
const WRITE_CHUNK = 20_000;
/** One long transaction writes a million-member plan; the default 5 s would cut it off. */
const PLAN_TX_TIMEOUT_MS = 30 * 60_000;

export type PlanResult = {
  runId: string;
  status: "planned" | "already_planned" | "cancelled";
  snapshotSize: number;
  eligible: number;
  target: number;
  control: number;
  excluded: Record<string, number>;
  batches: number;
};

type Decision = { reason: string | null; dueAt: Date | null };

/**
 * Plans one run: the segment's snapshot, the send rules per customer and channel, the control draw
 * among the eligible, the batches, and one contact per (target customer, channel) — PLANNED with
 * its due time, or EXCLUDED with its reason. Customers eligible on no channel are not members (they
 * could not have been contacted, so they would bias the control), but their exclusions are kept as
 * contacts so the exclusion report counts everyone the segment held.
 *
 * Everything is written in one transaction, so a crash leaves no half plan and the retried job
 * plans again from the same snapshot with the same seed: the same control group.
 */
export async function planRun(
  prisma: PrismaClient,
  runId: string,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<PlanResult> {
  const log = options.log ?? (() => {});
  const id = BigInt(runId);
  const run = await prisma.campaignRun.findUniqueOrThrow({
    where: { id },
    include: { campaign: { select: { id: true, segmentId: true, state: true } } },
  });
  const empty = { snapshotSize: run.snapshotSize, eligible: run.eligible, target: run.target, control: run.control };
  if (run.status !== "planning") {
    return {
      runId,
      status: run.status === "cancelled" ? "cancelled" : "already_planned",
      ...empty,
      excluded: {},
      batches: run.batches,
    };
  }
  const definition = run.definition as unknown as CampaignDefinition;
  const settings = await loadCampaignSettings(prisma);
  const now = options.now ?? new Date();
  // The sends are due at the run's time, or now when the launch runs late.
  const sendFrom = new Date(Math.max(now.getTime(), run.dueAt.getTime()));

  let snapshotId = run.snapshotId;
  if (snapshotId === null) {
    const snapshot = await takeSnapshot(prisma, run.campaign.segmentId, {
      reason: "campaign",
      reference: `campaign ${run.campaignId} run ${runId}`,
      actor: { system: "worker" },
    });
    snapshotId = BigInt(snapshot.id);
    await prisma.campaignRun.update({ where: { id }, data: { snapshotId } });
  }
  log(`run ${runId}: snapshot ${snapshotId}`);

  const channels = definition.channels.map((c) => c.channel);
  const eligible: EligibleCustomer[] = [];
  const decisions = new Map<string, Decision[]>();
  const excluded: Record<string, number> = {};
  const trigger = triggerFilterSql(definition, run.campaignId, id, sendFrom);
  let snapshotSize = 0;
  let after = 0n;
  for (;;) {
    const ids = (
      await prisma.$queryRawUnsafe<{ customer_id: bigint }[]>(
        `SELECT m.customer_id FROM segment_snapshot_member m
          WHERE m.snapshot_id = $1 AND m.customer_id > $2 ${trigger.sql}
          ORDER BY m.customer_id LIMIT ${PLAN_CHUNK}`,
        snapshotId,
        after,
        ...trigger.values,
      )
    ).map((r) => r.customer_id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    snapshotSize += ids.length;
    const inputs = await loadSendInputs(prisma, ids, { capDays: capDays(settings), now: sendFrom, excludeRunId: id });
    for (const customerId of ids) {
      const customer = inputs.get(customerId);
      const perChannel = channels.map((channel): Decision => {
        const verdict = decide(channel, customer, sendFrom, settings);
        return verdict.ok ? { reason: null, dueAt: verdict.sendAt } : { reason: verdict.reason, dueAt: null };
      });
      const key = customerId.toString();
      decisions.set(key, perChannel);
      if (perChannel.some((d) => d.reason === null)) {
        eligible.push({ customerId: key, stratum: customer?.tierCode ?? "NONE" });
      }
    }
  }
  const draw = drawControlGroup(eligible, definition.controlShare, run.seed);
  const controlSet = new Set(draw.control);
  log(`run ${runId}: ${snapshotSize} in the snapshot, ${eligible.length} eligible, ${draw.control.length} control`);

  // Batches follow the eligible list's order (customer id), target and control interleaved, so a
  // control customer's batch is the one they would have been sent in.
  const members = eligible.map((e, i) => ({
    ...e,
    group: controlSet.has(e.customerId) ? "CONTROL" : "TARGET",
    batchNo: Math.floor(i / settings.batchSize),
  }));
  const batchOf = new Map(members.map((m) => [m.customerId, m.batchNo]));
  const batches = Math.ceil(members.length / settings.batchSize);
  const coupons = definition.offer.kind === "coupon" && definition.offer.uniquePerRecipient;

  type ContactRow = {
    customerId: string;
    channel: CampaignChannel;
    batchNo: number;
    dueAt: Date;
    reason: string | null;
    coupon: string | null;
  };
  const contacts: ContactRow[] = [];
  for (const [customerId, perChannel] of decisions) {
    if (controlSet.has(customerId)) continue;
    const batchNo = batchOf.get(customerId) ?? -1;
    const coupon = coupons && batchNo >= 0 ? couponCode() : null;
    perChannel.forEach((d, i) => {
      if (d.reason !== null) excluded[d.reason] = (excluded[d.reason] ?? 0) + 1;
      contacts.push({
        customerId,
        channel: channels[i]!,
        batchNo,
        dueAt: d.dueAt ?? sendFrom,
        reason: d.reason,
        coupon: d.reason === null ? coupon : null,
      });
    });
  }
  decisions.clear();

  const outcome = await prisma.$transaction(
    async (tx) => {
      const [current] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status FROM campaign_run WHERE id = ${id} FOR UPDATE`;
      // Cancelled while we planned: nothing is written.
      if (current?.status !== "planning") return "cancelled" as const;
      for (let i = 0; i < members.length; i += WRITE_CHUNK) {
        const part = members.slice(i, i + WRITE_CHUNK);
        await tx.$executeRaw`
          INSERT INTO campaign_member (run_id, customer_id, campaign_id, "group", stratum, batch_no)
          SELECT ${id}, u.customer_id, ${run.campaignId}, u.grp::campaign_group, u.stratum, u.batch_no
            FROM unnest(${part.map((m) => BigInt(m.customerId))}::bigint[], ${part.map((m) => m.group)}::text[],
                        ${part.map((m) => m.stratum)}::text[], ${part.map((m) => m.batchNo)}::int[])
                 AS u(customer_id, grp, stratum, batch_no)`;
      }
      for (let i = 0; i < contacts.length; i += WRITE_CHUNK) {
        const part = contacts.slice(i, i + WRITE_CHUNK);
        await tx.$executeRaw`
          INSERT INTO campaign_contact (run_id, campaign_id, customer_id, channel, batch_no, status, idempotency_key,
                                        due_at, exclusion_reason, coupon_code, finished_at)
          SELECT ${id}, ${run.campaignId}, u.customer_id, u.channel::campaign_channel, u.batch_no,
                 (CASE WHEN u.reason IS NULL THEN 'PLANNED' ELSE 'EXCLUDED' END)::campaign_contact_status,
                 'r' || ${runId} || '-c' || u.customer_id || '-' || u.channel,
                 u.due_at, u.reason, u.coupon, CASE WHEN u.reason IS NULL THEN NULL ELSE ${now}::timestamptz END
            FROM unnest(${part.map((c) => BigInt(c.customerId))}::bigint[], ${part.map((c) => c.channel)}::text[],
                        ${part.map((c) => c.batchNo)}::int[], ${part.map((c) => c.dueAt)}::timestamptz[],
                        ${part.map((c) => c.reason)}::text[], ${part.map((c) => c.coupon)}::text[])
                 AS u(customer_id, channel, batch_no, due_at, reason, coupon)`;
      }
      await tx.$executeRaw`
        INSERT INTO campaign_batch (run_id, batch_no, size)
        SELECT ${id}, batch_no, count(*) FROM campaign_member WHERE run_id = ${id} GROUP BY batch_no`;
      await tx.$executeRaw`
        UPDATE campaign_run SET status = ${batches > 0 ? "dispatching" : "done"},
               snapshot_size = ${snapshotSize}, eligible = ${eligible.length},
               target = ${members.length - draw.control.length}, control = ${draw.control.length},
               batches = ${batches}, planned_at = ${now}::timestamptz, finished_at = ${batches > 0 ? null : now}
         WHERE id = ${id}`;
      return "planned" as const;
    },
    { timeout: PLAN_TX_TIMEOUT_MS, maxWait: 60_000 },
  );
  return {
    runId,
    status: outcome,
    snapshotSize,
    eligible: eligible.length,
    target: members.length - draw.control.length,
    control: draw.control.length,
    excluded,
    batches: outcome === "planned" ? batches : 0,
  };
}

/** Queues every batch of a planned run (job ids are per batch, so a repeat adds nothing). */
export async function queueBatches(prisma: PrismaClient, producer: JobProducer, runId: string): Promise<number> {
  const rows = await prisma.$queryRaw<{ batch_no: number }[]>`
    SELECT batch_no FROM campaign_batch WHERE run_id = ${BigInt(runId)} AND done_at IS NULL ORDER BY batch_no`;
  await queueDispatches(
    producer,
    rows.map((r) => ({ runId, batchNo: r.batch_no })),
  );
  return rows.length;
}

// Crockford's base32 without I, L, O, U: a code read aloud at the till is not misheard.
const COUPON_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A unique-per-recipient coupon code: 10 random characters (50 bits), so guessing one is hopeless. */
function couponCode(): string {
  const bytes = randomBytes(10);
  let code = "";
  for (const b of bytes) code += COUPON_ALPHABET[b & 31];
  return code;
}
