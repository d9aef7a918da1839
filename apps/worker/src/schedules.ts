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
}
