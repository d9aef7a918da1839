import { runAnalyticsRefresh } from "@dangol/analytics";
import { databaseEnv, parseEnv } from "@dangol/config";
import type { Handler } from "./types.ts";

/**
 * The nightly (or on-demand) analytics refresh. The work lives in @dangol/analytics so that
 * `dangol analytics refresh --inline` runs exactly the same code; here it only reports progress
 * to BullMQ (the CLI follows it) besides the analytics_run row (the web page reads that).
 */
export const analyticsRefresh: Handler<"analytics.refresh"> = async (payload, { job, logger }) => {
  const result = await runAnalyticsRefresh({
    databaseUrl: parseEnv(databaseEnv).DATABASE_URL,
    asOf: payload.asOf,
    trigger: payload.trigger,
    requestedBy: payload.requestedBy,
    runId: payload.runId === undefined ? undefined : BigInt(payload.runId),
    jobId: job.id,
    onProgress: async ({ runId, step, progress }) => {
      await job.updateProgress({ runId: String(runId), step, progress });
      logger.info({ runId: String(runId), step, progress }, "analytics refresh progress");
    },
  });
  return { runId: String(result.runId), asOf: result.asOf, counts: result.counts, durations: result.durations };
};
