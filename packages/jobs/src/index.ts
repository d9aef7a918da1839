export * from "./definitions.ts";
export * from "./enqueue.ts";
export * from "./redis.ts";
