import type { Logger } from "@dangol/config";
import type { JobProducer } from "@dangol/jobs";
import type { Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import type pg from "pg";

/**
 * What follows a delivery into the warehouse: the analytics refresh and the data-quality
 * snapshots of the business days it loaded (docs/etl.md "After a delivery").
 *
 * "The day is loaded" is decided simply: after an etl.file job applied its batches, no other
 * etl.file job is waiting, delayed (a retry) or running — the delivery drained. A 2,000-file
 * delivery queued at once therefore triggers once, at its last file. Files that trickle in one at
 * a time each drain the queue, so the follow-ups are also debounced: queued with a delay under a
 * fixed deduplication id with `replace`, a new trigger replaces the still-delayed job (its newest
 * as-of day, the delay restarted); while one runs, `keepLastIfActive` keeps one more for after it.
 */

/** The quiet period after the last file before the refresh starts. */
export const FOLLOW_UP_DELAY_MS = 60_000;
export const REFRESH_DEDUP_ID = "analytics.refresh-after-etl";
export const QUALITY_DEDUP_ID = "quality.snapshot-after-etl";
/** A first load of two years would ask for 730 snapshots; the newest month is what the Data page charts. */
const MAX_QUALITY_DAYS = 31;
/** Above this many queued jobs the etl queue certainly still holds files; below, look at their names. */
const INSPECT_AT_MOST = 50;

/** True while another etl.file job is queued, retrying or running (points.expire does not count). */
export async function etlFilesPending(queue: Queue, currentJobId: string | undefined): Promise<boolean> {
  const states = ["active", "waiting", "prioritized", "delayed"] as const;
  const counts = await queue.getJobCounts(...states);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total > INSPECT_AT_MOST) return true;
  const jobs = await queue.getJobs([...states], 0, INSPECT_AT_MOST);
  return jobs.some((job) => job && job.name === "etl.file" && job.id !== currentJobId);
}

export type FollowUps = { refreshAsOf: string | null; qualityDays: string[] } | null;

/**
 * Called by etl.file after its batches were applied. Returns what it queued (null: files still
 * pending, or nothing was loaded since the last trigger).
 */
export async function queueFollowUpsAfterEtl(options: {
  job: Job;
  producer: JobProducer;
  redis: Redis;
  pool: pg.Pool;
  logger: Logger;
  prefix: string;
  delayMs?: number;
}): Promise<FollowUps> {
  const { job, producer, redis, pool, logger } = options;
  if (await etlFilesPending(producer.queue("etl"), job.id)) return null;
  const delay = options.delayMs ?? FOLLOW_UP_DELAY_MS;

  // Something new since the last trigger? (a re-run of a delivery loads nothing and asks for nothing)
  const { rows } = await pool.query<{ loaded_at: string | null; as_of: string | null }>(
    `SELECT max(warehouse_loaded_at)::text AS loaded_at, max(business_date)::text AS as_of
       FROM etl_batch WHERE warehouse_loaded_at IS NOT NULL`,
  );
  const loadedAt = rows[0]?.loaded_at ?? null;
  const markKey = `${options.prefix}:follow-ups:etl-loaded-at`;
  if (!loadedAt || (await redis.get(markKey)) === loadedAt) return null;

  // The latest business day in the warehouse: a late file of an older day is included in it.
  const refreshAsOf = rows[0]?.as_of ?? null;
  if (refreshAsOf) {
    await producer.enqueue(
      "analytics.refresh",
      { asOf: refreshAsOf, trigger: "etl", requestedBy: "etl" },
      { delay, deduplication: { id: REFRESH_DEDUP_ID, replace: true, keepLastIfActive: true } },
    );
  }

  // Every business day with a batch applied after that day's snapshot (or with none yet).
  const days = await pool.query<{ day: string }>(
    `SELECT d.day FROM (
       SELECT DISTINCT b.business_date::text AS day
         FROM etl_batch b LEFT JOIN data_quality_snapshot s ON s.day = b.business_date
        WHERE b.warehouse_loaded_at IS NOT NULL AND b.business_date IS NOT NULL
          AND (s.day IS NULL OR b.warehouse_loaded_at > s.recorded_at)
        ORDER BY 1 DESC LIMIT $1) d
     ORDER BY d.day`,
    [MAX_QUALITY_DAYS],
  );
  const qualityDays = days.rows.map((r) => r.day);
  if (qualityDays.length > 0) {
    await producer.enqueue(
      "quality.snapshot",
      { days: qualityDays, trigger: "etl" },
      { delay, deduplication: { id: QUALITY_DEDUP_ID, replace: true, keepLastIfActive: true } },
    );
  }
  await redis.set(markKey, loadedAt, "EX", 90 * 24 * 3600);
  logger.info(
    { refreshAsOf, qualityDays, delayMs: delay },
    "delivery loaded: analytics refresh and data-quality snapshot queued",
  );
  return { refreshAsOf, qualityDays };
}
