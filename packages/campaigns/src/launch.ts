import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@dangol/db/client";
import { type CampaignDefinition, drawControlGroup } from "@dangol/domain";
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
/** A plan this large refreshes the planner's statistics of the campaign tables. */
const ANALYZE_AFTER = 10_000;
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
  // Columns, one entry per snapshot customer in id order: a launch holds a million of them, so no
  // object per customer. Per channel the decision is a reason code (0 = may send) and a due time.
  const customerIds: bigint[] = [];
  const strata: string[] = [];
  const eligibleAt: number[] = [];
  const reasonOf = channels.map(() => [] as number[]);
  const dueOf = channels.map(() => [] as number[]);
  const reasons = [""];
  const reasonCode = (reason: string) => {
    const at = reasons.indexOf(reason);
    return at > 0 ? at : reasons.push(reason) - 1;
  };
  const trigger = triggerFilterSql(definition, run.campaignId, id, sendFrom);
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
    const inputs = await loadSendInputs(prisma, ids, { capDays: capDays(settings), now: sendFrom, excludeRunId: id });
    for (const customerId of ids) {
      const customer = inputs.get(customerId);
      let eligible = false;
      channels.forEach((channel, c) => {
        const verdict = decide(channel, customer, sendFrom, settings);
        reasonOf[c]!.push(verdict.ok ? 0 : reasonCode(verdict.reason));
        dueOf[c]!.push(verdict.ok ? verdict.sendAt.getTime() : sendFrom.getTime());
        eligible ||= verdict.ok;
      });
      if (eligible) eligibleAt.push(customerIds.length);
      customerIds.push(customerId);
      strata.push(customer?.tierCode ?? "NONE");
    }
  }
  const snapshotSize = customerIds.length;
  const draw = drawControlGroup(
    eligibleAt.map((i) => ({ customerId: customerIds[i]!.toString(), stratum: strata[i]! })),
    definition.controlShare,
    run.seed,
  );
  const control = new Set(draw.control);
  const target = eligibleAt.length - control.size;
  log(`run ${runId}: ${snapshotSize} in the snapshot, ${eligibleAt.length} eligible, ${control.size} control`);

  // Batches follow the eligible customers' id order, target and control interleaved, so a control
  // customer's batch is the one they would have been sent in. -1: not a member (eligible nowhere).
  const batchOf = new Array<number>(snapshotSize).fill(-1);
  eligibleAt.forEach((i, e) => {
    batchOf[i] = Math.floor(e / settings.batchSize);
  });
  const batches = Math.ceil(eligibleAt.length / settings.batchSize);
  const coupons = definition.offer.kind === "coupon" && definition.offer.uniquePerRecipient;
  const excluded: Record<string, number> = {};
  for (const codes of reasonOf)
    for (const code of codes) if (code > 0) excluded[reasons[code]!] = (excluded[reasons[code]!] ?? 0) + 1;
  // Control members get no contact, so their channel exclusions are not counted either.
  for (const i of eligibleAt)
    if (control.has(customerIds[i]!.toString()))
      reasonOf.forEach((codes) => {
        const code = codes[i]!;
        if (code > 0) excluded[reasons[code]!]! -= 1;
      });
  for (const [reason, n] of Object.entries(excluded)) if (n === 0) delete excluded[reason];

  const outcome = await prisma.$transaction(
    async (tx) => {
      const [current] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status FROM campaign_run WHERE id = ${id} FOR UPDATE`;
      // Cancelled while we planned: nothing is written.
      if (current?.status !== "planning") return "cancelled" as const;
      for (let from = 0; from < snapshotSize; from += WRITE_CHUNK) {
        const member = { ids: [] as bigint[], groups: [] as string[], strata: [] as string[], batches: [] as number[] };
        const contact = {
          ids: [] as bigint[],
          channels: [] as string[],
          batches: [] as number[],
          due: [] as Date[],
          reasons: [] as (string | null)[],
          coupons: [] as (string | null)[],
        };
        for (let i = from; i < Math.min(snapshotSize, from + WRITE_CHUNK); i++) {
          const customerId = customerIds[i]!;
          const batchNo = batchOf[i]!;
          const isControl = batchNo >= 0 && control.has(customerId.toString());
          if (batchNo >= 0) {
            member.ids.push(customerId);
            member.groups.push(isControl ? "CONTROL" : "TARGET");
            member.strata.push(strata[i]!);
            member.batches.push(batchNo);
          }
          if (isControl) continue;
          const coupon = coupons && batchNo >= 0 ? couponCode() : null;
          channels.forEach((channel, c) => {
            const code = reasonOf[c]![i]!;
            contact.ids.push(customerId);
            contact.channels.push(channel);
            contact.batches.push(batchNo);
            contact.due.push(new Date(dueOf[c]![i]!));
            contact.reasons.push(code > 0 ? reasons[code]! : null);
            contact.coupons.push(code > 0 ? null : coupon);
          });
        }
        await tx.$executeRaw`
          INSERT INTO campaign_member (run_id, customer_id, campaign_id, "group", stratum, batch_no)
          SELECT ${id}, u.customer_id, ${run.campaignId}, u.grp::campaign_group, u.stratum, u.batch_no
            FROM unnest(${member.ids}::bigint[], ${member.groups}::text[], ${member.strata}::text[],
                        ${member.batches}::int[]) AS u(customer_id, grp, stratum, batch_no)`;
        await tx.$executeRaw`
          INSERT INTO campaign_contact (run_id, campaign_id, customer_id, channel, batch_no, status, idempotency_key,
                                        due_at, exclusion_reason, coupon_code, finished_at)
          SELECT ${id}, ${run.campaignId}, u.customer_id, u.channel::campaign_channel, u.batch_no,
                 (CASE WHEN u.reason IS NULL THEN 'PLANNED' ELSE 'EXCLUDED' END)::campaign_contact_status,
                 'r' || ${runId} || '-c' || u.customer_id || '-' || u.channel,
                 u.due_at, u.reason, u.coupon, CASE WHEN u.reason IS NULL THEN NULL ELSE ${now}::timestamptz END
            FROM unnest(${contact.ids}::bigint[], ${contact.channels}::text[], ${contact.batches}::int[],
                        ${contact.due}::timestamptz[], ${contact.reasons}::text[], ${contact.coupons}::text[])
                 AS u(customer_id, channel, batch_no, due_at, reason, coupon)`;
      }
      await tx.$executeRaw`
        INSERT INTO campaign_batch (run_id, batch_no, size)
        SELECT ${id}, batch_no, count(*) FROM campaign_member WHERE run_id = ${id} GROUP BY batch_no`;
      await tx.$executeRaw`
        UPDATE campaign_run SET status = ${batches > 0 ? "dispatching" : "done"},
               snapshot_size = ${snapshotSize}, eligible = ${eligibleAt.length},
               target = ${target}, control = ${control.size},
               batches = ${batches}, planned_at = ${now}::timestamptz,
               finished_at = ${batches > 0 ? null : now}::timestamptz
         WHERE id = ${id}`;
      return "planned" as const;
    },
    { timeout: PLAN_TX_TIMEOUT_MS, maxWait: 60_000 },
  );
  // A launch can write a million contacts at once; dispatch's statements are planned on these
  // tables' statistics, and autovacuum (off on some machines) would only catch up later.
  if (outcome === "planned" && snapshotSize >= ANALYZE_AFTER) {
    await prisma.$executeRawUnsafe("ANALYZE campaign_contact, campaign_member, campaign_batch");
  }
  return {
    runId,
    status: outcome,
    snapshotSize,
    eligible: eligibleAt.length,
    target,
    control: control.size,
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
