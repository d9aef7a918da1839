import { ingestFile } from "@dangol/etl/batches";
import { identifyFeedFile } from "@dangol/etl/feeds";
import { loadPendingBatches } from "@dangol/etl/load";
import { UnrecoverableError } from "bullmq";
import type pg from "pg";
import { getPool } from "../db.ts";
import { queueFollowUpsAfterEtl } from "../follow-ups.ts";
import type { Handler } from "./types.ts";

const PROGRESS_EVERY_MS = 500;

/**
 * Ingests one delivered file into staging (the ETL's first stage, packages/etl/src/batches), loads
 * every pending staged batch into the warehouse, and once the delivery has drained queues the
 * analytics refresh and data-quality snapshots (follow-ups.ts). Options exist for tests: their own
 * database pool and a short follow-up delay.
 */
export function createEtlFileHandler(options: { pool?: () => pg.Pool; followUpDelayMs?: number } = {}) {
  const poolOf = options.pool ?? getPool;
  const handler: Handler<"etl.file"> = async (payload, { job, logger, producer, redis, prefix }) => {
    const file = identifyFeedFile(payload.path);
    if (!file || file.division !== payload.division || file.kind !== payload.kind) {
      throw new UnrecoverableError(
        `${payload.path} is not a ${payload.division} ${payload.kind} feed file by its name`,
      );
    }
    const pool = poolOf();
    let last = 0;
    const result = await ingestFile({
      pool,
      path: payload.path,
      file,
      // Unchanged across this job's retries and stalls, but not shared with a later run's job that
      // reuses the id, so only this job's own earlier attempt counts as "already loaded by me".
      jobKey: `${job.id}@${job.timestamp}`,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && progress.bytesRead < progress.totalBytes) return;
        last = now;
        void job.updateProgress(progress).catch(() => {});
      },
    });
    logger.info(
      {
        file: result.file,
        status: result.status,
        rowsIn: result.rowsIn,
        loaded: result.loaded,
        seconds: result.seconds,
      },
      result.status === "refused" ? `file refused: ${result.reason}` : "file ingested",
    );
    // The load stage: every staged batch not yet in the warehouse (this one, and any a crash left
    // behind), in arrival order, each in its own transaction (packages/etl/src/load).
    const warehouse = await loadPendingBatches(pool, (r) =>
      logger.info(
        { file: r.fileName, kind: r.kind, status: r.status, seconds: r.seconds, stats: r.stats },
        "batch loaded into the warehouse",
      ),
    );
    // The file is in; a failure to queue the follow-ups must not fail (and re-run) it.
    const followUps = await queueFollowUpsAfterEtl({
      job,
      producer,
      redis,
      pool,
      logger,
      prefix,
      delayMs: options.followUpDelayMs,
    }).catch((error: Error) => {
      logger.error({ err: error.message }, "could not queue the follow-ups of the delivery");
      return null;
    });
    return { ...result, seq: payload.seq, warehouseBatches: warehouse.length, followUps };
  };
  return handler;
}

export const etlFile = createEtlFileHandler();
