import { createLogger } from "@dangol/config";
import { getPrisma } from "@dangol/db/client";
import { HEARTBEAT_EVERY_MS, type JobProducer } from "@dangol/jobs";
import { syncQuerySchedules } from "@dangol/workbench/services";

/** Recurring work, upserted at every boot so the schedule in Redis always matches the code. */
export async function upsertSchedules(producer: JobProducer): Promise<void> {
  await producer.queue("maintenance").upsertJobScheduler(
    "maintenance.heartbeat",
    { every: HEARTBEAT_EVERY_MS },
    {
      name: "maintenance.heartbeat",
      data: { requestedBy: "scheduler" },
      opts: { removeOnComplete: 10, removeOnFail: 100 },
    },
  );
  // 00:10 Seoul: points usable through yesterday lapse as the day turns. No asOf in the data: the
  // handler takes today in Seoul; the scheduler's job id (scheduler id + slot time) is one per day.
  await producer
    .queue("etl")
    .upsertJobScheduler(
      "points.expire.daily",
      { pattern: "10 0 * * *", tz: "Asia/Seoul" },
      { name: "points.expire", data: { trigger: "schedule" } },
    );
  // 03:00 Seoul: after the divisions' nightly feeds have loaded, before the CRM team starts work.
  await producer
    .queue("analytics")
    .upsertJobScheduler(
      "analytics.refresh.nightly",
      { pattern: "0 3 * * *", tz: "Asia/Seoul" },
      { name: "analytics.refresh", data: { trigger: "schedule" } },
    );
  // 04:00 Seoul: every segment's members, an hour after the 03:00 refresh (same queue, so after it
  // even when it runs late); the handler skips segments already taken today.
  await producer
    .queue("analytics")
    .upsertJobScheduler(
      "segments.snapshot.nightly",
      { pattern: "0 4 * * *", tz: "Asia/Seoul" },
      { name: "segments.snapshot", data: { trigger: "schedule" } },
    );
  // 23:50 Seoul: today's data-quality figures even on a day no delivery loaded (the ETL's own
  // snapshots record the business days it loads).
  await producer
    .queue("maintenance")
    .upsertJobScheduler(
      "quality.snapshot.nightly",
      { pattern: "50 23 * * *", tz: "Asia/Seoul" },
      { name: "quality.snapshot", data: { trigger: "schedule" } },
    );
  // 04:30 Seoul: page views older than the 400-day retention go, while nobody is browsing.
  await producer
    .queue("maintenance")
    .upsertJobScheduler(
      "usage.retention.nightly",
      { pattern: "30 4 * * *", tz: "Asia/Seoul" },
      { name: "usage.retention", data: { trigger: "schedule" } },
    );
  // Every minute: campaign runs that are due are launched (their ads still wait for 08:00 where
  // the quiet hours hold them).
  await producer
    .queue("maintenance")
    .upsertJobScheduler(
      "campaigns.tick",
      { every: 60_000 },
      { name: "campaigns.tick", data: { trigger: "schedule" }, opts: { removeOnComplete: 10, removeOnFail: 100 } },
    );
  // 01:00 Seoul: yesterday's consent changes taken by Dangol go out to the divisions, one file each.
  await producer
    .queue("maintenance")
    .upsertJobScheduler(
      "consent.export.daily",
      { pattern: "0 1 * * *", tz: "Asia/Seoul" },
      { name: "consent.export", data: { trigger: "schedule" } },
    );
  await syncQuerySchedulesUntilDone(producer);
}

const SYNC_RETRY_MS = 30_000;

/**
 * Analysts' scheduled queries live in the database: one job scheduler per active schedule, and
 * none left over for a schedule deleted while this worker or Redis was away. Postgres may be down
 * at boot (/health then says so): the worker starts all the same and tries again every 30 s.
 */
async function syncQuerySchedulesUntilDone(producer: JobProducer): Promise<void> {
  try {
    await syncQuerySchedules(getPrisma(), producer);
  } catch (error) {
    createLogger("worker").warn(
      { err: error instanceof Error ? error.message : String(error), retryInMs: SYNC_RETRY_MS },
      "query schedules not synced",
    );
    setTimeout(() => void syncQuerySchedulesUntilDone(producer), SYNC_RETRY_MS).unref();
  }
}
