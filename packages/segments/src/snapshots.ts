import { type AuditActor, writeAudit } from "@dangol/db/audit";
import type { Prisma, PrismaClient } from "@dangol/db/client";
import { compileStored, seoulYesterday, withSegmentSettings } from "./database.ts";
import { auditActor, parseSegmentId, requireSegments, SegmentNotFoundError, type SegmentUser } from "./errors.ts";

export const SNAPSHOT_REASONS = ["schedule", "campaign", "manual"] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

export type Snapshot = {
  id: string;
  segmentId: string;
  takenAt: Date;
  reason: SnapshotReason;
  reference: string | null;
  size: number;
  spend12m: number;
  baseSize: number;
};

const toSnapshot = (row: {
  id: bigint;
  segmentId: bigint;
  takenAt: Date;
  reason: string;
  reference: string | null;
  size: number;
  spend12m: bigint;
  baseSize: number;
}): Snapshot => ({
  id: String(row.id),
  segmentId: String(row.segmentId),
  takenAt: row.takenAt,
  reason: row.reason as SnapshotReason,
  reference: row.reference,
  size: row.size,
  spend12m: Number(row.spend12m),
  baseSize: row.baseSize,
});

// A 1M-customer segment's members take a while to write; Prisma's 5 s default would cut it off.
const SNAPSHOT_TX = { timeout: 600_000, maxWait: 30_000 } as const;

/**
 * Writes the segment's members now, set-based (INSERT … SELECT from the compiled query), with
 * size, 12-month spend and the base's size, and audits it. `actor` is the user, a campaign's
 * launcher, or the nightly job.
 */
export async function takeSnapshot(
  prisma: PrismaClient,
  segmentId: string | bigint,
  options: { reason: SnapshotReason; reference?: string | null; actor: AuditActor; asOf?: string },
): Promise<Snapshot> {
  const segment = await prisma.segment.findFirst({ where: { id: parseSegmentId(segmentId), deletedAt: null } });
  if (!segment) throw new SegmentNotFoundError();
  const compiled = await compileStored(prisma, segment.definition, options.asOf ?? seoulYesterday());
  return withSegmentSettings(
    prisma,
    async (tx) => {
      const created = await tx.segmentSnapshot.create({
        data: {
          segmentId: segment.id,
          reason: options.reason,
          reference: options.reference ?? null,
          definition: compiled.definition as unknown as Prisma.InputJsonValue,
          size: 0,
          spend12m: 0n,
          baseSize: 0,
        },
      });
      const n = compiled.values.length + 1;
      await tx.$executeRawUnsafe(
        `INSERT INTO segment_snapshot_member (snapshot_id, customer_id) SELECT $${n}::bigint, s.customer_id FROM (${compiled.sql}) s`,
        ...compiled.values,
        created.id,
      );
      const [row] = await tx.$queryRaw<{ size: number; spend: bigint; base: number }[]>`
      UPDATE segment_snapshot SET
             size = (SELECT count(*) FROM segment_snapshot_member WHERE snapshot_id = ${created.id}),
             spend_12m = (SELECT COALESCE(sum(m.spend_12m), 0) FROM segment_snapshot_member s
                            JOIN customer_metrics m ON m.customer_id = s.customer_id WHERE s.snapshot_id = ${created.id}),
             base_size = (SELECT count(*) FROM customer WHERE status = 'ACTIVE')
       WHERE id = ${created.id}
      RETURNING size, spend_12m AS spend, base_size AS base`;
      await writeAudit(tx, {
        actor: options.actor,
        action: "segment.snapshot",
        targetType: "segment",
        targetId: String(segment.id),
        details: {
          snapshotId: String(created.id),
          reason: options.reason,
          reference: options.reference ?? null,
          size: row?.size ?? 0,
        },
      });
      return toSnapshot({ ...created, size: row?.size ?? 0, spend12m: row?.spend ?? 0n, baseSize: row?.base ?? 0 });
    },
    SNAPSHOT_TX,
  );
}

/** A snapshot the signed-in user asks for on the segment's page. */
export async function takeManualSnapshot(
  prisma: PrismaClient,
  user: SegmentUser,
  segmentId: string,
): Promise<Snapshot> {
  requireSegments(user);
  return takeSnapshot(prisma, segmentId, { reason: "manual", reference: user.email, actor: auditActor(user) });
}

/** The segment's size over time, oldest first (for the chart). */
export async function snapshotHistory(
  prisma: PrismaClient,
  user: SegmentUser,
  segmentId: string,
  options: { limit?: number } = {},
): Promise<Snapshot[]> {
  requireSegments(user);
  const rows = await prisma.segmentSnapshot.findMany({
    where: { segmentId: parseSegmentId(segmentId) },
    orderBy: { takenAt: "desc" },
    take: Math.min(options.limit ?? 400, 2_000),
  });
  return rows.reverse().map(toSnapshot);
}

/**
 * The nightly job: one "schedule" snapshot per non-deleted segment per Seoul day. A segment that
 * already has today's (a retried or repeated job) is skipped, so the job is idempotent per day.
 */
export async function snapshotAllSegments(
  prisma: PrismaClient,
  options: { now?: Date; asOf?: string; log?: (line: string) => void } = {},
): Promise<{ taken: number; skipped: number; failed: number }> {
  const now = options.now ?? new Date();
  const today = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
  const dayStart = new Date(`${today}T00:00:00+09:00`);
  const segments = await prisma.segment.findMany({
    where: { deletedAt: null },
    select: {
      id: true,
      name: true,
      snapshots: { where: { reason: "schedule", takenAt: { gte: dayStart } }, take: 1, select: { id: true } },
    },
    orderBy: { id: "asc" },
  });
  let taken = 0;
  let skipped = 0;
  let failed = 0;
  for (const segment of segments) {
    if (segment.snapshots.length > 0) {
      skipped++;
      continue;
    }
    try {
      const snapshot = await takeSnapshot(prisma, segment.id, {
        reason: "schedule",
        reference: today,
        actor: { email: "job:segments.snapshot" },
        asOf: options.asOf,
      });
      taken++;
      options.log?.(`segment ${segment.id} (${segment.name}): ${snapshot.size} members`);
    } catch (error) {
      // one broken segment (say, a reference deleted under it) must not stop the others
      failed++;
      options.log?.(`segment ${segment.id} (${segment.name}) failed: ${(error as Error).message}`);
    }
  }
  return { taken, skipped, failed };
}

export type CustomerSegment = { segmentId: string; name: string; themes: string[]; takenAt: Date };

/**
 * The saved segments whose latest snapshot holds the customer, for the CRM customer view. Read
 * from snapshots (taken nightly and at each campaign launch) rather than by counting every
 * segment live for one customer, which at 1M customers costs a full count per segment.
 */
export async function segmentsOfCustomer(
  prisma: PrismaClient,
  user: SegmentUser,
  customerId: bigint,
): Promise<CustomerSegment[]> {
  requireSegments(user);
  const rows = await prisma.$queryRaw<{ id: bigint; name: string; themes: string[]; taken_at: Date }[]>`
    SELECT s.id, s.name, s.themes, latest.taken_at
      FROM segment s
      JOIN LATERAL (SELECT n.id, n.taken_at FROM segment_snapshot n WHERE n.segment_id = s.id
                     ORDER BY n.taken_at DESC LIMIT 1) latest ON true
      JOIN segment_snapshot_member m ON m.snapshot_id = latest.id AND m.customer_id = ${customerId}
     WHERE s.deleted_at IS NULL
     ORDER BY s.name`;
  return rows.map((r) => ({ segmentId: String(r.id), name: r.name, themes: r.themes, takenAt: r.taken_at }));
}
