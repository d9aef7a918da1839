import { randomUUID } from "node:crypto";
import { createLogger } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt } from "@dangol/db/seed";
import { createRedis, JobProducer } from "@dangol/jobs";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../workers.ts";
import { handlers } from "./index.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const databaseUrl = process.env.DATABASE_URL ?? "";

describe("analytics.refresh through a real BullMQ worker", () => {
  const prefix = `test-${randomUUID()}`;
  const connection = createRedis(redisUrl);
  const producer = new JobProducer(connection, prefix);
  const prisma = createPrismaClient(databaseUrl);
  let pool: WorkerPool;
  let events: QueueEvents;

  beforeAll(async () => {
    const store = await createDemoStore(prisma, { sourceCode: "SM" });
    const customer = await createCustomer(prisma);
    await createReceipt(prisma, {
      storeId: store.id,
      customerId: customer.id,
      soldAt: new Date("2026-03-02T03:00:00Z"),
    });
    pool = startWorkers({
      connection,
      handlers,
      logger: createLogger("worker-test", "silent"),
      prefix,
      queues: ["analytics"],
    });
    events = new QueueEvents("analytics", { connection: createRedis(redisUrl), prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await pool.close();
    await events.close();
    await producer.queue("analytics").obliterate({ force: true });
    await producer.close();
    connection.disconnect();
    await prisma.$disconnect();
  });

  it("runs the refresh, reports progress on the job and completes the producer's run row", async () => {
    const { id: runId } = await prisma.analyticsRun.create({
      data: { trigger: "test", status: "queued", asOf: new Date("2026-03-10") },
    });
    const steps: string[] = [];
    events.on("progress", ({ data }) => steps.push((data as { step: string }).step));
    const job = await producer.enqueue("analytics.refresh", {
      trigger: "test",
      asOf: "2026-03-10",
      runId: String(runId),
    });
    const result = (await job.waitUntilFinished(events, 60_000)) as { runId: string; counts: Record<string, number> };
    expect(result.runId).toBe(String(runId));
    expect(result.counts.metrics).toBeGreaterThan(0);
    expect(steps).toContain("publish");
    const run = await prisma.analyticsRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "succeeded", progress: 100, jobId: job.id });
  }, 90_000);
});
