import type { Logger } from "@dangol/config";
import type { JobName, JobPayload, JobProducer } from "@dangol/jobs";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";

/** `producer` enqueues follow-up jobs under the worker's own queue prefix (`prefix`). */
export type HandlerContext = { job: Job; logger: Logger; redis: Redis; producer: JobProducer; prefix: string };
export type Handler<N extends JobName> = (payload: JobPayload<N>, context: HandlerContext) => Promise<unknown>;
export type HandlerMap = { [N in JobName]: Handler<N> };
