import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { createLogger } from "@dangol/config";
import { createRedis, InvalidJobPayloadError, JobProducer, WORKER_HEARTBEAT_KEY } from "@dangol/jobs";
import { finished, runTs, startTs, waitFor } from "@dangol/testkit/processes";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handlers } from "./handlers/index.ts";
import { startWorkers, type WorkerPool } from "./workers.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const databaseUrl = process.env.DATABASE_URL ?? "";

describe("worker pool on the real Redis", () => {
  const prefix = `test-${randomUUID()}`;
  const connection = createRedis(redisUrl);
  const producer = new JobProducer(connection, prefix);
  let pool: WorkerPool;
  let events: QueueEvents;

  beforeAll(async () => {
    pool = startWorkers({ connection, handlers, logger: createLogger("worker-test", "silent"), prefix });
    events = new QueueEvents("maintenance", { connection: createRedis(redisUrl), prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await pool.close();
    await events.close();
    await producer.queue("maintenance").obliterate({ force: true });
    await producer.close();
    connection.disconnect();
  });

  it("runs a heartbeat job and leaves the heartbeat doctor reads", async () => {
    const job = await producer.enqueue("maintenance.heartbeat", { requestedBy: "test" });
    const result = (await job.waitUntilFinished(events, 10_000)) as { pid: number; requestedBy: string };
    expect(result).toMatchObject({ pid: process.pid, requestedBy: "test" });
    const beat = JSON.parse((await connection.get(WORKER_HEARTBEAT_KEY)) ?? "{}");
    expect(beat.requestedBy).toBe("test");
  });

  it("refuses a bad payload before anything reaches Redis", async () => {
    const before = await producer.queue("maintenance").count();
    await expect(
      producer.enqueue("maintenance.heartbeat", { requestedBy: "", extra: 1 } as never),
    ).rejects.toBeInstanceOf(InvalidJobPayloadError);
    expect(await producer.queue("maintenance").count()).toBe(before);
  });

  it("fails a job with an unknown name at once, without retrying it", async () => {
    const job = await producer.queue("maintenance").add("no.such.job", {}, { attempts: 5 });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow('unknown job name "no.such.job"');
    const stored = await producer.queue("maintenance").getJob(job.id ?? "");
    expect(stored?.attemptsMade).toBe(1);
  });

  it("fails a job whose stored payload no longer matches its schema, without retrying it", async () => {
    const job = await producer.queue("maintenance").add("maintenance.heartbeat", { requestedBy: 42 }, { attempts: 5 });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow("invalid payload for maintenance.heartbeat");
  });
});

describe("worker process", () => {
  it("serves health, then stops cleanly on SIGTERM", async () => {
    const port = 3200 + Math.floor(Math.random() * 500);
    const child = startTs("apps/worker/src/main.ts", [], {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      WORKER_HEALTH_PORT: String(port),
      LOG_LEVEL: "info",
    });
    const exit = finished(child);
    const ready = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return response.status === 200 ? response : undefined;
    });
    expect(await ready.json()).toMatchObject({ status: "ready", queues: { maintenance: true } });
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ postgres: { ok: true }, redis: { ok: true } });

    child.kill("SIGTERM");
    const { code, stdout } = await exit;
    expect(code).toBe(0);
    expect(stdout).toContain("worker stopped");
  }, 30_000);

  it("reports Postgres down on /health with 503", async () => {
    const port = 3800 + Math.floor(Math.random() * 100);
    const child = startTs("apps/worker/src/main.ts", [], {
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
      REDIS_URL: redisUrl,
      WORKER_HEALTH_PORT: String(port),
      LOG_LEVEL: "silent",
    });
    const exit = finished(child);
    const health = await waitFor(() => fetch(`http://127.0.0.1:${port}/health`));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ postgres: { ok: false }, redis: { ok: true } });
    child.kill("SIGTERM");
    expect((await exit).code).toBe(0);
  }, 30_000);

  it("stops at start-up with one line naming a missing variable", async () => {
    // Outside the repo, so the developer's .env cannot fill the gap.
    const { code, stderr } = await runTs("apps/worker/src/main.ts", [], { REDIS_URL: redisUrl }, tmpdir());
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("Configuration error: DATABASE_URL is not set. See .env.example.");
  }, 30_000);
});
