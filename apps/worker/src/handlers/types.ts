import type { Logger } from "@dangol/config";
import type { JobName, JobPayload } from "@dangol/jobs";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";

export type HandlerContext = { job: Job; logger: Logger; redis: Redis };
export type Handler<N extends JobName> = (payload: JobPayload<N>, context: HandlerContext) => Promise<unknown>;
export type HandlerMap = { [N in JobName]: Handler<N> };
