import { HEARTBEAT_STALE_AFTER_MS, WORKER_HEARTBEAT_KEY } from "@dangol/jobs";
import type { Handler } from "./types.ts";

/** Proves end to end that the worker takes jobs: doctor reads the key it leaves. */
export const heartbeat: Handler<"maintenance.heartbeat"> = async (payload, { redis }) => {
  const beat = { at: new Date().toISOString(), pid: process.pid, requestedBy: payload.requestedBy };
  await redis.set(WORKER_HEARTBEAT_KEY, JSON.stringify(beat), "PX", HEARTBEAT_STALE_AFTER_MS * 10);
  return beat;
};
