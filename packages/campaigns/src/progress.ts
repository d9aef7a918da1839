import { writeAudit } from "@dangol/db/audit";
import type { PrismaClient } from "@dangol/db/client";
import { maskName } from "@dangol/domain";
import { auditActor, CampaignNotFoundError, type CampaignUser, parseCampaignId, requireCampaigns } from "./errors.ts";

/** One run as the detail page shows it while it plans and sends. */
export type RunProgress = {
  runId: string;
  /** planning | dispatching | done | failed | cancelled */
  status: string;
  dueAt: Date;
  plannedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  snapshotSize: number;
  eligible: number;
  target: number;
  control: number;
  /** PLANNED and due: waiting for its batch */
  planned: number;
  /** PLANNED with a due time still ahead: held by the quiet hours (or a retry's backoff) */
  held: number;
  /** handed to a provider, answer not recorded yet */
  claimed: number;
  sent: number;
  failed: number;
  /** claimed before a crash and the provider could not tell: for the operator */
  unknown: number;
  excluded: number;
  excludedByReason: Record<string, number>;
  sentByChannel: Record<string, number>;
  batchesDone: number;
  batchesTotal: number;
};

type ProgressRow = {
  id: bigint;
  status: string;
  due_at: Date;
  planned_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  snapshot_size: number;
  eligible: number;
  target: number;
  control: number;
  planned: number | null;
  held: number | null;
  claimed: number | null;
  sent: number | null;
  failed: number | null;
  unknown: number | null;
  excluded: number | null;
  excluded_by_reason: Record<string, number> | null;
  sent_by_channel: Record<string, number> | null;
  batches_done: number | null;
  batches_total: number | null;
  batches: number;
};

/**
 * Every run of a campaign with its contacts counted by state, in one statement. The contacts are
 * reached through their run ids (campaign_contact is indexed by run, not by campaign), and "held" is
 * a PLANNED contact whose due time is still ahead, i.e. waiting for 08:00 or a retry.
 */
export async function campaignProgress(
  prisma: Pick<PrismaClient, "$queryRaw">,
  campaignId: string,
  now: Date = new Date(),
): Promise<RunProgress[]> {
  const id = parseCampaignId(campaignId);
  const rows = await prisma.$queryRaw<ProgressRow[]>`
    WITH runs AS (SELECT * FROM campaign_run WHERE campaign_id = ${id}),
    per_state AS (
      SELECT k.run_id, k.status, k.channel, k.exclusion_reason,
             (k.status = 'PLANNED' AND k.due_at > ${now}::timestamptz) AS is_held,
             count(*)::int AS n
        FROM campaign_contact k
       WHERE k.run_id IN (SELECT id FROM runs)
       GROUP BY 1, 2, 3, 4, 5),
    contacts AS (
      SELECT run_id,
             sum(n) FILTER (WHERE status = 'PLANNED' AND NOT is_held)::int AS planned,
             sum(n) FILTER (WHERE is_held)::int AS held,
             sum(n) FILTER (WHERE status = 'CLAIMED')::int AS claimed,
             sum(n) FILTER (WHERE status = 'SENT')::int AS sent,
             sum(n) FILTER (WHERE status = 'FAILED')::int AS failed,
             sum(n) FILTER (WHERE status = 'UNKNOWN')::int AS unknown,
             sum(n) FILTER (WHERE status = 'EXCLUDED')::int AS excluded
        FROM per_state GROUP BY run_id),
    reasons AS (
      SELECT run_id, jsonb_object_agg(reason, n) AS excluded_by_reason
        FROM (SELECT run_id, coalesce(exclusion_reason, 'other') AS reason, sum(n)::int AS n
                FROM per_state WHERE status = 'EXCLUDED' GROUP BY 1, 2) x
       GROUP BY run_id),
    channels AS (
      SELECT run_id, jsonb_object_agg(channel, n) AS sent_by_channel
        FROM (SELECT run_id, channel::text AS channel, sum(n)::int AS n
                FROM per_state WHERE status = 'SENT' GROUP BY 1, 2) x
       GROUP BY run_id),
    batches AS (
      SELECT run_id, count(*) FILTER (WHERE done_at IS NOT NULL)::int AS batches_done, count(*)::int AS batches_total
        FROM campaign_batch WHERE run_id IN (SELECT id FROM runs) GROUP BY run_id)
    SELECT r.id, r.status, r.due_at, r.planned_at, r.finished_at, r.error, r.snapshot_size, r.eligible,
           r.target, r.control, r.batches, c.planned, c.held, c.claimed, c.sent, c.failed, c.unknown, c.excluded,
           x.excluded_by_reason, ch.sent_by_channel, b.batches_done, b.batches_total
      FROM runs r
      LEFT JOIN contacts c ON c.run_id = r.id
      LEFT JOIN reasons x ON x.run_id = r.id
      LEFT JOIN channels ch ON ch.run_id = r.id
      LEFT JOIN batches b ON b.run_id = r.id
     ORDER BY r.due_at DESC, r.id DESC`;
  return rows.map((r) => ({
    runId: r.id.toString(),
    status: r.status,
    dueAt: r.due_at,
    plannedAt: r.planned_at,
    finishedAt: r.finished_at,
    error: r.error,
    snapshotSize: r.snapshot_size,
    eligible: r.eligible,
    target: r.target,
    control: r.control,
    planned: r.planned ?? 0,
    held: r.held ?? 0,
    claimed: r.claimed ?? 0,
    sent: r.sent ?? 0,
    failed: r.failed ?? 0,
    unknown: r.unknown ?? 0,
    excluded: r.excluded ?? 0,
    excludedByReason: r.excluded_by_reason ?? {},
    sentByChannel: r.sent_by_channel ?? {},
    batchesDone: r.batches_done ?? 0,
    batchesTotal: Math.max(r.batches, r.batches_total ?? 0),
  }));
}

/** Whether a page showing these runs should keep refreshing itself. */
export function progressIsLive(runs: readonly Pick<RunProgress, "status" | "claimed">[]): boolean {
  return runs.some((r) => r.status === "planning" || r.status === "dispatching" || r.claimed > 0);
}

export type ProblemContact = {
  contactId: string;
  runId: string;
  customerId: string;
  /** masked: the operator needs to recognise the case, not to read the name */
  maskedName: string;
  channel: string;
  reason: string | null;
  attempts: number;
  at: Date | null;
};

export type ProblemContacts = {
  failed: { total: number; rows: ProblemContact[] };
  unknown: { total: number; rows: ProblemContact[] };
};

/** The dead letters (FAILED) and the outcome-unknown contacts, the first `limit` of each with totals. */
export async function campaignProblemContacts(
  prisma: Pick<PrismaClient, "$queryRaw">,
  campaignId: string,
  limit = 100,
): Promise<ProblemContacts> {
  const id = parseCampaignId(campaignId);
  const rows = await prisma.$queryRaw<
    {
      id: bigint;
      run_id: bigint;
      customer_id: bigint;
      name: string | null;
      channel: string;
      status: "FAILED" | "UNKNOWN";
      failure_reason: string | null;
      attempts: number;
      at: Date | null;
      total: number;
    }[]
  >`
    SELECT * FROM (
      SELECT k.id, k.run_id, k.customer_id, c.name, k.channel::text AS channel, k.status::text AS status,
             k.failure_reason, k.attempts::int AS attempts, coalesce(k.finished_at, k.claimed_at) AS at,
             count(*) OVER (PARTITION BY k.status)::int AS total,
             row_number() OVER (PARTITION BY k.status ORDER BY k.id) AS nth
        FROM campaign_contact k
        JOIN customer c ON c.id = k.customer_id
       WHERE k.run_id IN (SELECT r.id FROM campaign_run r WHERE r.campaign_id = ${id})
         AND k.status IN ('FAILED', 'UNKNOWN')) x
     WHERE nth <= ${limit}
     ORDER BY status, id`;
  const out: ProblemContacts = { failed: { total: 0, rows: [] }, unknown: { total: 0, rows: [] } };
  for (const r of rows) {
    const list = r.status === "FAILED" ? out.failed : out.unknown;
    list.total = r.total;
    list.rows.push({
      contactId: r.id.toString(),
      runId: r.run_id.toString(),
      customerId: r.customer_id.toString(),
      maskedName: r.name ? maskName(r.name) : "—",
      channel: r.channel,
      reason: r.failure_reason,
      attempts: r.attempts,
      at: r.at,
    });
  }
  return out;
}

export type OfflineChannel = "DM" | "TM";

export type OfflineContactRow = {
  customerId: string;
  name: string;
  /** DM: the postal code; TM: empty */
  zip: string | null;
  /** DM: the postal address; TM: the number to call */
  address: string | null;
  phone: string | null;
  /** the merged letter or call script, as recorded when the contact was sent */
  text: string;
};

/**
 * What the print vendor (DM) or the call centre (TM) receives for one run: the SENT contacts of that
 * channel with their merged text from the outbox. Personal data leaves the system here, so each
 * export is audited with its row count. Erased customers are left out.
 */
export async function offlineContactList(
  prisma: PrismaClient,
  user: CampaignUser,
  campaignId: string,
  runId: string,
  channel: OfflineChannel,
): Promise<OfflineContactRow[]> {
  requireCampaigns(user);
  const id = parseCampaignId(campaignId);
  const run = parseCampaignId(runId);
  const found = await prisma.campaignRun.findFirst({ where: { id: run, campaignId: id }, select: { id: true } });
  if (!found) throw new CampaignNotFoundError();
  const rows = await prisma.$queryRaw<
    {
      customer_id: bigint;
      name: string;
      zip: string | null;
      address_text: string | null;
      recipient: string;
      body: string;
    }[]
  >`
    SELECT k.customer_id, c.name, c.zip, c.address_text, o.recipient, o.body
      FROM campaign_contact k
      JOIN campaign_outbox o ON o.contact_id = k.id
      JOIN customer c ON c.id = k.customer_id
     WHERE k.run_id = ${run} AND k.channel = ${channel}::campaign_channel AND k.status = 'SENT'
       AND c.erased_at IS NULL
     ORDER BY k.customer_id`;
  await writeAudit(prisma, {
    actor: auditActor(user),
    action: "campaign.export",
    targetType: "campaign",
    targetId: campaignId,
    details: { runId, channel, rows: rows.length, personal: true },
  });
  return rows.map((r) => ({
    customerId: r.customer_id.toString(),
    name: r.name,
    zip: channel === "DM" ? r.zip : null,
    address: channel === "DM" ? r.address_text : null,
    // The number the outbox recorded is the one the script was made for.
    phone: channel === "TM" ? r.recipient : null,
    text: r.body,
  }));
}
