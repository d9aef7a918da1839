import { getPrisma } from "@dangol/db/client";
import { snapshotAllSegments } from "@dangol/segments";
import type { Handler } from "./types.ts";

/**
 * Nightly (04:00 Seoul) and on demand: a "schedule" snapshot of every segment, so each one's size
 * over time can be charted. Idempotent per Seoul day; one broken segment is logged, not fatal.
 */
export const segmentsSnapshot: Handler<"segments.snapshot"> = async (payload, { logger, job }) => {
  const result = await snapshotAllSegments(getPrisma(), {
    asOf: payload.asOf,
    log: (line) => logger.info({ jobId: job.id }, line),
  });
  logger.info(result, "segment snapshots taken");
  return result;
};
