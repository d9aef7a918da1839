import { HEARTBEAT_EVERY_MS, type JobProducer } from "@dangol/jobs";

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
  // 03:00 Seoul: after the divisions' nightly feeds have loaded, before the CRM team starts work.
  await producer
    .queue("analytics")
    .upsertJobScheduler(
      "analytics.refresh.nightly",
      { pattern: "0 3 * * *", tz: "Asia/Seoul" },
      { name: "analytics.refresh", data: { trigger: "schedule" } },
    );
}
