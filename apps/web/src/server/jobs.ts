import { createRedis, JobProducer } from "@dangol/jobs";
import { env } from "@/env";

const holder = globalThis as unknown as { dangolJobProducer?: JobProducer };

/** One producer (one Redis connection) per server process; the queue prefix comes from the env. */
export function jobProducer(): JobProducer {
  if (!holder.dangolJobProducer) {
    const { REDIS_URL, DANGOL_QUEUE_PREFIX } = env();
    holder.dangolJobProducer = new JobProducer(createRedis(REDIS_URL), DANGOL_QUEUE_PREFIX);
  }
  return holder.dangolJobProducer;
}
