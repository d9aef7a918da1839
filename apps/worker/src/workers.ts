import type { Logger } from "@dangol/config";
import { isJobName, JOBS, type JobName, JobProducer, QUEUE_PREFIX, QUEUES, type QueueName } from "@dangol/jobs";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Handler, HandlerMap } from "./handlers/types.ts";

export type WorkerPool = {
  workers: Map<QueueName, Worker>;
  /** Stops taking jobs and waits for running ones; past the grace period, leaves them to be re-queued as stalled. */
  close(graceMs?: number): Promise<void>;
};

/** One BullMQ Worker per queue, each dispatching by job name through the registry's schema. */
export function startWorkers(options: {
  connection: Redis;
  handlers: HandlerMap;
  logger: Logger;
  queues?: QueueName[];
  prefix?: string;
}): WorkerPool {
  const { connection, handlers, logger } = options;
  const prefix = options.prefix ?? QUEUE_PREFIX;
  // Handlers queue follow-up work (etl.file → analytics.refresh) through the same registry.
  const producer = new JobProducer(connection, prefix);
  const context = { connection, producer, prefix, logger };
  const workers = new Map<QueueName, Worker>();
  for (const queue of options.queues ?? (Object.keys(QUEUES) as QueueName[])) {
    const settings: {
      concurrency: number;
      lockDurationMs: number;
      stalledIntervalMs?: number;
      maxStalledCount?: number;
    } = QUEUES[queue];
    const { concurrency, lockDurationMs } = settings;
    const worker = new Worker(queue, (job) => runJob(job, handlers, context), {
      connection,
      prefix,
      concurrency,
      lockDuration: lockDurationMs,
      stalledInterval: settings.stalledIntervalMs ?? 30_000,
      maxStalledCount: settings.maxStalledCount ?? 1,
      autorun: true,
    });
    worker.on("failed", (job, error) =>
      logger.warn(
        { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message },
        "job failed",
      ),
    );
    worker.on("error", (error) => logger.error({ queue, err: error.message }, "worker error"));
    workers.set(queue, worker);
  }
  return {
    workers,
    async close(graceMs = 30_000) {
      const graceful = Promise.all([...workers.values()].map((worker) => worker.close()));
      const timedOut = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
      ]);
      if (timedOut) {
        logger.warn({ graceMs }, "jobs still running after the grace period; they return to the queue as stalled");
        await Promise.all([...workers.values()].map((worker) => worker.close(true)));
      }
      await producer.close();
    },
  };
}

async function runJob(
  job: Job,
  handlers: HandlerMap,
  {
    connection,
    producer,
    prefix,
    logger,
  }: { connection: Redis; producer: JobProducer; prefix: string; logger: Logger },
): Promise<unknown> {
  if (!isJobName(job.name)) {
    throw new UnrecoverableError(`unknown job name "${job.name}"`);
  }
  const name: JobName = job.name;
  const parsed = JOBS[name].schema.safeParse(job.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnrecoverableError(
      `invalid payload for ${name}: ${issue?.path.join(".") || "payload"}: ${issue?.message}`,
    );
  }
  const started = performance.now();
  const handler = handlers[name] as Handler<typeof name>;
  const result = await handler(parsed.data, {
    job,
    logger: logger.child({ job: name, jobId: job.id }),
    redis: connection,
    producer,
    prefix,
  });
  logger.debug({ job: name, jobId: job.id, ms: Math.round(performance.now() - started) }, "job done");
  return result;
}
