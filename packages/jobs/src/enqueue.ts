import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { JOBS, type JobInput, type JobName, QUEUE_PREFIX, type QueueName } from "./definitions.ts";

export class InvalidJobPayloadError extends Error {
  constructor(name: string, detail: string) {
    super(`Job ${name}: invalid payload: ${detail}`);
    this.name = "InvalidJobPayloadError";
  }
}

/** Producers hold one Queue per queue name for the life of the process. */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();

  /** `prefix` namespaces the Redis keys; tests use their own so they never meet a running worker's jobs. */
  constructor(
    private readonly connection: Redis,
    private readonly prefix = QUEUE_PREFIX,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Parses the payload against the registry before anything reaches Redis. */
  async enqueue<N extends JobName>(name: N, input: JobInput<N>, options: JobsOptions = {}) {
    const definition = JOBS[name];
    const parsed = definition.schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidJobPayloadError(name, `${issue?.path.join(".") || "payload"}: ${issue?.message}`);
    }
    return this.queue(definition.queue).add(name, parsed.data, { ...definition.options, ...options });
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
