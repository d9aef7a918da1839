import type { JobsOptions } from "bullmq";
import { z } from "zod";

/** Redis key prefix of every Dangol queue. */
export const QUEUE_PREFIX = "dangol";

/** Queues group jobs that share a concurrency and lock budget; one Worker per queue. */
export const QUEUES = {
  maintenance: { concurrency: 2, lockDurationMs: 30_000 },
  // One file at a time keeps arrival order. The lock is renewed every half lockDuration while
  // the worker lives, so it has to outlast the longest event-loop stall of a load (the identity
  // step of a first member file on a busy 2-core machine has passed 30 s: the lock lapsed, the
  // file ran a second time and reported itself a duplicate); a killed worker's file is retried
  // about 2 minutes later. A file's batch is all-or-nothing, so a second stall retries it too
  // instead of failing the file (BullMQ's default allows one).
  etl: { concurrency: 1, lockDurationMs: 120_000, stalledIntervalMs: 15_000, maxStalledCount: 3 },
  // One refresh at a time (it rewrites whole tables); a long lock because a step on a million
  // customers can keep the event loop busy for a while between lock renewals.
  analytics: { concurrency: 1, lockDurationMs: 10 * 60_000 },
  // Analysts' queries: two at a time beside the rest; a query is bounded by its statement timeout
  // (30 s by default) and awaits I/O, so the lock is renewed long before it could lapse.
  queries: { concurrency: 2, lockDurationMs: 60_000 },
  // Campaign launches and dispatch batches, one at a time: a send re-checks the frequency caps
  // against every campaign's contacts, and two batches of different campaigns checking the same
  // customer at once could both pass. Batches are short (a claim, the sends, the outcomes).
  // A batch killed mid-send is resumed safely (claimed contacts are resolved, never resent), so a
  // worker crashing twice on one batch must not dead-letter it (BullMQ's default allows one stall).
  campaigns: { concurrency: 1, lockDurationMs: 60_000, stalledIntervalMs: 15_000, maxStalledCount: 10 },
} as const;
export type QueueName = keyof typeof QUEUES;

const defaultOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5_000 },
};

/**
 * The one registry: job name → queue, payload schema, default options. Producers (web, CLI)
 * and the worker parse the same schema, so a bad payload is refused before it is queued
 * and again before it runs.
 */
export const JOBS = {
  "maintenance.heartbeat": {
    queue: "maintenance",
    schema: z.object({ requestedBy: z.string().min(1).max(64).default("scheduler") }).strict(),
    options: { ...defaultOptions, attempts: 1 },
  },
  "analytics.refresh": {
    queue: "analytics",
    schema: z
      .object({
        /** Last business day included (YYYY-MM-DD); default yesterday in Seoul. */
        asOf: z.iso.date().optional(),
        /** "etl": enqueued by the etl queue once a delivery's files are loaded (apps/worker/src/follow-ups.ts). */
        trigger: z.enum(["schedule", "etl", "cli", "web", "test"]).default("schedule"),
        requestedBy: z.string().min(1).max(254).optional(),
        /** analytics_run row the producer created (as text: bigint does not survive JSON). */
        runId: z
          .string()
          .regex(/^\d{1,18}$/)
          .optional(),
      })
      .strict(),
    // Every step is idempotent and the run row is reused, so one retry after a crash is safe.
    options: { ...defaultOptions, attempts: 2, backoff: { type: "fixed", delay: 60_000 } },
  },
  "etl.file": {
    queue: "etl",
    schema: z
      .object({
        /** Absolute path of the data file (a MART file's `.ctl` is read beside it). */
        path: z.string().startsWith("/"),
        division: z.enum(["DPT", "MART", "SM", "HQ"]),
        kind: z.enum(["store", "product", "member", "sales", "category", "category_map", "region"]),
        /** Position in delivery_manifest.json (arrival order); null when ordered by name. */
        seq: z.number().int().positive().nullable().default(null),
      })
      .strict(),
    // A file's batch is all-or-nothing, so a retry restarts it cleanly; results stay queryable
    // for a month so re-running a delivery finds its jobs (deterministic job ids).
    options: {
      ...defaultOptions,
      attempts: 3,
      removeOnComplete: { age: 30 * 24 * 3600, count: 100_000 },
    },
  },
  // On the etl queue, not maintenance: EXPIRE amounts are remainders of allocations the load stage
  // recomputes, and merges move point entries between customers; the etl queue runs one job at a
  // time, so an expiry never interleaves with a batch load (the ledger advisory lock also covers
  // the CLI's --inline run). Idempotent: a lot already expired is skipped.
  "points.expire": {
    queue: "etl",
    schema: z
      .object({
        /** Expire lots whose last usable day is before this day (YYYY-MM-DD); default today in Seoul. */
        asOf: z.iso.date().optional(),
        trigger: z.enum(["schedule", "cli", "test"]).default("schedule"),
      })
      .strict(),
    options: { ...defaultOptions, attempts: 3 },
  },
  "quality.snapshot": {
    queue: "maintenance",
    schema: z
      .object({
        /** Seoul days to record (ETL business days); none = today in Seoul (the nightly run). */
        days: z.array(z.iso.date()).max(31).optional(),
        trigger: z.enum(["schedule", "etl", "cli", "test"]).default("schedule"),
      })
      .strict(),
    options: { ...defaultOptions, attempts: 3 },
  },
  "queries.run": {
    queue: "queries",
    schema: z
      .object({
        /** query_run row the producer created (as text: bigint does not survive JSON). */
        runId: z.string().regex(/^\d{1,18}$/),
      })
      .strict(),
    // Never rerun an analyst's query blindly: a run the worker lost ends FAILED and is asked again.
    options: { ...defaultOptions, attempts: 1 },
  },
  "queries.scheduled": {
    queue: "queries",
    schema: z
      .object({
        /** query_schedule row whose job scheduler fired (as text: bigint does not survive JSON). */
        scheduleId: z.string().regex(/^\d{1,18}$/),
      })
      .strict(),
    // One retry (e.g. the SMTP server was away): a run already stored for this job is reused.
    options: { ...defaultOptions, attempts: 2, backoff: { type: "fixed", delay: 60_000 } },
  },
  // Screen usage keeps 400 days of page views; deleting older ones is idempotent.
  "usage.retention": {
    queue: "maintenance",
    schema: z.object({ trigger: z.enum(["schedule", "cli", "test"]).default("schedule") }).strict(),
    options: { ...defaultOptions, attempts: 3 },
  },
  // Nightly at 04:00 Seoul, after analytics.refresh (03:00) on the same queue, so the members are
  // judged on fresh figures and never while the refresh rewrites them. One schedule snapshot per
  // segment per Seoul day (a retry skips the segments already taken).
  "segments.snapshot": {
    queue: "analytics",
    schema: z
      .object({
        /** Last business day the windows include (YYYY-MM-DD); default yesterday in Seoul. */
        asOf: z.iso.date().optional(),
        trigger: z.enum(["schedule", "cli", "test"]).default("schedule"),
      })
      .strict(),
    options: { ...defaultOptions, attempts: 2, backoff: { type: "fixed", delay: 60_000 } },
  },
  // Every minute: launches the runs that are due (one run per campaign and due time, so a repeated
  // tick finds the run it created) and completes one-off campaigns whose run is done.
  "campaigns.tick": {
    queue: "maintenance",
    schema: z.object({ trigger: z.enum(["schedule", "cli", "test"]).default("schedule") }).strict(),
    options: { ...defaultOptions, attempts: 1, removeOnComplete: { age: 3600, count: 100 } },
  },
  // Plans a run: snapshot, send rules, control draw, contact plan, in one transaction (a retry
  // re-plans from the same snapshot), then queues its batches.
  "campaigns.launch": {
    queue: "campaigns",
    schema: z.object({ runId: z.string().regex(/^\d{1,18}$/) }).strict(),
    options: { ...defaultOptions, attempts: 3 },
  },
  // One batch of a run. Contacts are claimed before a provider sees them, so a retried batch
  // never sends a claimed contact again: it resolves it with the provider or reports it unknown.
  "campaigns.dispatch": {
    queue: "campaigns",
    schema: z
      .object({
        runId: z.string().regex(/^\d{1,18}$/),
        batchNo: z.number().int().min(0),
      })
      .strict(),
    options: {
      ...defaultOptions,
      attempts: 5,
      backoff: { type: "exponential", delay: 5_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
    },
  },
  // 01:00 Seoul: yesterday's consent changes taken by Dangol, one file per division. Rewrites the
  // same files when run again, so a retry or a repeat for a day is harmless.
  "consent.export": {
    queue: "maintenance",
    schema: z
      .object({
        day: z.iso.date({ message: "day must be YYYY-MM-DD" }).optional(),
        trigger: z.enum(["schedule", "cli", "test"]).default("schedule"),
      })
      .strict(),
    options: { ...defaultOptions, attempts: 3 },
  },
} as const satisfies Record<string, { queue: QueueName; schema: z.ZodType; options: JobsOptions }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]["schema"]>;
export type JobInput<N extends JobName> = z.input<(typeof JOBS)[N]["schema"]>;

export function isJobName(value: string): value is JobName {
  return Object.hasOwn(JOBS, value);
}

export function jobsOfQueue(queue: QueueName): JobName[] {
  return (Object.keys(JOBS) as JobName[]).filter((name) => JOBS[name].queue === queue);
}

/** One expiry job per day: BullMQ keeps a finished job's id for a week, so re-asking for a day is a no-op. */
export function pointsExpireJobId(asOf: string): string {
  return `points.expire-${asOf}`;
}

/** One job per run: enqueuing a run twice is a no-op, and cancel finds the waiting job by this id. */
export function queryRunJobId(runId: string | bigint): string {
  return `queries.run-${runId}`;
}

/** The job scheduler that fires a saved query's schedule (upserted on save, removed on delete). */
export function querySchedulerId(scheduleId: string | bigint): string {
  return `queries.schedule.${scheduleId}`;
}

/** Redis key the worker refreshes on every heartbeat; `dangol doctor` reads it. */
export const WORKER_HEARTBEAT_KEY = "dangol:worker:heartbeat";
/** Every 30 s; doctor calls a worker silent for longer than this stale. */
export const HEARTBEAT_EVERY_MS = 30_000;
export const HEARTBEAT_STALE_AFTER_MS = 3 * HEARTBEAT_EVERY_MS;
