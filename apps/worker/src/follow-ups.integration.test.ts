import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer } from "@dangol/db/seed";
import { createTestDatabase } from "@dangol/db/testing";
import { identifyFeedFile } from "@dangol/etl/feeds";
import { generate, MANIFEST } from "@dangol/etl/generator";
import { createRedis, JobProducer, pointsExpireJobId } from "@dangol/jobs";
import { type Job, QueueEvents } from "bullmq";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFRESH_DEDUP_ID } from "./follow-ups.ts";
import { createEtlFileHandler } from "./handlers/etl.file.ts";
import { handlers } from "./handlers/index.ts";
import { createPointsExpireHandler } from "./handlers/points.expire.ts";
import { createQualitySnapshotHandler } from "./handlers/quality.snapshot.ts";
import type { HandlerMap } from "./handlers/types.ts";
import { startWorkers, type WorkerPool } from "./workers.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// The follow-ups read the whole warehouse (latest business day, days without a snapshot) and the
// expiry is global: a database of this file's own.
const database = await createTestDatabase("dangol_worker_followups");
const db = new pg.Pool({ connectionString: database.url, max: 3 });
const prisma = createPrismaClient(database.url);
const prefix = `test-followups-${randomUUID().slice(0, 8)}`;
const connection = createRedis(redisUrl);
const producer = new JobProducer(connection, prefix);
// Long enough that every trickled file lands inside the quiet period, so the refresh stays delayed.
const FOLLOW_UP_DELAY_MS = 30_000;
const testHandlers: HandlerMap = {
  ...handlers,
  "etl.file": createEtlFileHandler({ pool: () => db, followUpDelayMs: FOLLOW_UP_DELAY_MS }),
  "points.expire": createPointsExpireHandler({ pool: () => db }),
  "quality.snapshot": createQualitySnapshotHandler({ pool: () => db }),
};
const logger = createLogger("worker-test", "silent");
const roots: string[] = [];
const pools: WorkerPool[] = [];
let etlEvents: QueueEvents;

beforeAll(async () => {
  etlEvents = new QueueEvents("etl", { connection: createRedis(redisUrl), prefix });
  await etlEvents.waitUntilReady();
});

afterAll(async () => {
  for (const pool of pools) await pool.close();
  await etlEvents.close();
  for (const queue of ["etl", "analytics", "maintenance"] as const)
    await producer.queue(queue).obliterate({ force: true });
  await connection.del(`${prefix}:follow-ups:etl-loaded-at`);
  await producer.close();
  connection.disconnect();
  await prisma.$disconnect();
  await db.end();
  await database.drop();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function startEtlWorker() {
  const pool = startWorkers({ connection, handlers: testHandlers, logger, prefix, queues: ["etl"] });
  pools.push(pool);
  return pool;
}

/** The delivery's files in arrival order, as `dangol etl run` queues them. */
function smallDelivery() {
  const out = join(mkdtempSync(join(tmpdir(), "dangol-followups-")), "delivery");
  roots.push(out);
  const summary = generate({ scale: 40, seed: 5, days: 7, end: "2025-06-30", out, fileFaults: false });
  const manifest = JSON.parse(readFileSync(join(out, MANIFEST), "utf8")) as { files: { seq: number; path: string }[] };
  const files = manifest.files.flatMap((entry) => {
    const file = identifyFeedFile(entry.path);
    return file ? [{ path: join(out, entry.path), division: file.division, kind: file.kind, seq: entry.seq }] : [];
  });
  return { files, lastDay: summary.lastDay, firstDay: summary.firstDay };
}

type FileResult = { status: string; followUps: { refreshAsOf: string | null; qualityDays: string[] } | null };

const enqueueFile = (f: ReturnType<typeof smallDelivery>["files"][number]) =>
  producer.enqueue("etl.file", { path: f.path, division: f.division, kind: f.kind, seq: f.seq });

const queued = async (queue: "analytics" | "maintenance") =>
  (await producer.queue(queue).getJobs(["delayed", "waiting", "active", "prioritized"])).filter(Boolean);

describe("after a delivery (etl queue → analytics.refresh, quality.snapshot)", () => {
  const delivery = smallDelivery();

  it("queues one refresh for the latest business day once the files are loaded, debounced while files trickle in", async () => {
    const burst = delivery.files.slice(0, -3);
    const trickle = delivery.files.slice(-3);
    // Everything queued before the worker starts: the delivery drains only at its last file.
    const burstJobs: Job[] = [];
    for (const f of burst) burstJobs.push(await enqueueFile(f));
    startEtlWorker();
    const burstResults: FileResult[] = [];
    for (const job of burstJobs) burstResults.push((await job.waitUntilFinished(etlEvents, 120_000)) as FileResult);
    // (a redelivered copy inside the delivery is a duplicate_file; nothing is refused)
    expect(burstResults.filter((r) => r.status === "loaded").length).toBeGreaterThan(burst.length - 3);
    expect(burstResults.some((r) => r.status === "refused")).toBe(false);
    expect(burstResults.slice(0, -1).map((r) => r.followUps)).toEqual(burstResults.slice(0, -1).map(() => null));
    expect(burstResults.at(-1)?.followUps?.refreshAsOf).toBeTruthy();

    let refreshes = await queued("analytics");
    expect(refreshes).toHaveLength(1);
    const firstRefreshId = refreshes[0]!.id;

    // Then the last files one at a time: each drains the queue and asks again; the delayed refresh is
    // replaced (newest day, delay restarted), never doubled.
    for (const f of trickle) {
      const result = (await (await enqueueFile(f)).waitUntilFinished(etlEvents, 60_000)) as FileResult;
      expect(result.status).toBe("loaded");
      expect(result.followUps?.refreshAsOf).toBe(delivery.lastDay);
    }
    refreshes = await queued("analytics");
    expect(refreshes).toHaveLength(1);
    const [refresh] = refreshes;
    expect(refresh!.name).toBe("analytics.refresh");
    expect(refresh!.id).not.toBe(firstRefreshId);
    expect(refresh!.data).toEqual({ asOf: delivery.lastDay, trigger: "etl", requestedBy: "etl" });
    expect(refresh!.opts.deduplication?.id).toBe(REFRESH_DEDUP_ID);
    expect(await refresh!.getState()).toBe("delayed");

    // The data-quality snapshot: one job, for every business day the delivery loaded.
    const snapshots = await queued("maintenance");
    expect(snapshots.map((j) => j.name)).toEqual(["quality.snapshot"]);
    const days = (snapshots[0]!.data as { days: string[] }).days;
    expect(days[0]).toBe(delivery.firstDay);
    expect(days.at(-1)).toBe(delivery.lastDay);
  }, 300_000);

  it("loading the same delivery again queues nothing new", async () => {
    const before = (await queued("analytics")).map((j) => j.id);
    const jobs: Job[] = [];
    for (const f of delivery.files) jobs.push(await enqueueFile(f));
    const results: FileResult[] = [];
    for (const job of jobs) results.push((await job.waitUntilFinished(etlEvents, 60_000)) as FileResult);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(["duplicate_file"]));
    expect(results.every((r) => r.followUps === null)).toBe(true);
    expect((await queued("analytics")).map((j) => j.id)).toEqual(before);
  }, 180_000);

  it("the queued quality.snapshot records a row per business day", async () => {
    const [snapshot] = await queued("maintenance");
    await snapshot!.promote();
    const maintenance = startWorkers({ connection, handlers: testHandlers, logger, prefix, queues: ["maintenance"] });
    pools.push(maintenance);
    const events = new QueueEvents("maintenance", { connection: createRedis(redisUrl), prefix });
    await events.waitUntilReady();
    try {
      const result = (await snapshot!.waitUntilFinished(events, 60_000)) as { days: string[] };
      const { rows } = await db.query<{ day: string; batches: number }>(
        "SELECT day::text, batches FROM data_quality_snapshot ORDER BY day",
      );
      expect(rows.map((r) => r.day)).toEqual(result.days);
      expect(rows.every((r) => r.batches > 0)).toBe(true);
    } finally {
      await events.close();
    }
  }, 120_000);
});

describe("points.expire on the etl queue", () => {
  it("expires exactly the unused remainder of a lapsed earn, once per day, leaving that earn at zero", async () => {
    if (pools.length === 0) startEtlWorker();
    const customer = await createCustomer(prisma, { link: false });
    const { rows } = await db.query<{ earn: string; burn: string }>(
      `WITH earn AS (
         INSERT INTO point_entry (customer_id, kind, points, origin_source_code, occurred_on, expires_on, reason, created_by)
         VALUES ($1, 'EARN', 1200, 'MART', '2024-01-10', '2026-01-31', 'test', 'test') RETURNING id
       ), burn AS (
         INSERT INTO point_entry (customer_id, kind, points, origin_source_code, occurred_on, reason, created_by)
         VALUES ($1, 'BURN', -450, 'DPT', '2024-05-02', 'test', 'test') RETURNING id
       ), allocation AS (
         INSERT INTO point_allocation (debit_entry_id, earn_entry_id, points) SELECT burn.id, earn.id, 450 FROM earn, burn
       )
       SELECT earn.id::text AS earn, burn.id::text AS burn FROM earn, burn`,
      [customer.id],
    );
    const earnId = rows[0]!.earn;

    const job = await producer.enqueue(
      "points.expire",
      { asOf: "2026-02-01", trigger: "test" },
      { jobId: pointsExpireJobId("2026-02-01") },
    );
    expect(job.id).toBe("points.expire-2026-02-01");
    expect(await job.waitUntilFinished(etlEvents, 60_000)).toMatchObject({
      asOf: "2026-02-01",
      entries: 1,
      points: 750,
    });

    const { rows: expired } = await db.query(
      `SELECT e.points, e.occurred_on::text, a.earn_entry_id::text AS earn, a.points AS allocated
         FROM point_entry e JOIN point_allocation a ON a.debit_entry_id = e.id
        WHERE e.customer_id = $1 AND e.kind = 'EXPIRE'`,
      [customer.id],
    );
    expect(expired).toEqual([{ points: -750, occurred_on: "2026-02-01", earn: earnId, allocated: 750 }]);
    const { rows: balance } = await db.query(
      `SELECT (SELECT sum(points) FROM point_entry WHERE customer_id = $1)::int AS balance,
              (SELECT l.points - sum(a.points) FROM point_entry l JOIN point_allocation a ON a.earn_entry_id = l.id
                WHERE l.id = $2 GROUP BY l.points)::int AS earn_left`,
      [customer.id, earnId],
    );
    expect(balance[0]).toEqual({ balance: 0, earn_left: 0 });

    // The same day again is the same job (nothing runs); the next day's run finds nothing to do.
    const again = await producer.enqueue(
      "points.expire",
      { asOf: "2026-02-01", trigger: "test" },
      { jobId: pointsExpireJobId("2026-02-01") },
    );
    expect(again.id).toBe(job.id);
    const nextDay = await producer.enqueue("points.expire", { asOf: "2026-02-02", trigger: "test" });
    expect(await nextDay.waitUntilFinished(etlEvents, 60_000)).toMatchObject({ entries: 0, points: 0 });
    const { rows: count } = await db.query(
      "SELECT count(*)::int AS n FROM point_entry WHERE customer_id = $1 AND kind = 'EXPIRE'",
      [customer.id],
    );
    expect(count[0]!.n).toBe(1);
  }, 120_000);
});
