import { ingestFile } from "@dangol/etl/batches";
import { identifyFeedFile } from "@dangol/etl/feeds";
import { loadPendingBatches } from "@dangol/etl/load";
import { UnrecoverableError } from "bullmq";
import pg from "pg";
import { env } from "../env.ts";
import type { Handler } from "./types.ts";

// One pool per worker process; the queue runs one file at a time, so two connections suffice.
let pool: pg.Pool | undefined;
const getPool = () => {
  pool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  return pool;
};

const PROGRESS_EVERY_MS = 500;

/** Ingests one delivered file into staging (the ETL's first stage); see packages/etl/src/batches. */
export const etlFile: Handler<"etl.file"> = async (payload, { job, logger }) => {
  const file = identifyFeedFile(payload.path);
  if (!file || file.division !== payload.division || file.kind !== payload.kind) {
    throw new UnrecoverableError(`${payload.path} is not a ${payload.division} ${payload.kind} feed file by its name`);
  }
  let last = 0;
  const result = await ingestFile({
    pool: getPool(),
    path: payload.path,
    file,
    onProgress: (progress) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS && progress.bytesRead < progress.totalBytes) return;
      last = now;
      void job.updateProgress(progress).catch(() => {});
    },
  });
  logger.info(
    { file: result.file, status: result.status, rowsIn: result.rowsIn, loaded: result.loaded, seconds: result.seconds },
    result.status === "refused" ? `file refused: ${result.reason}` : "file ingested",
  );
  // The load stage: every staged batch not yet in the warehouse (this one, and any a crash left
  // behind), in arrival order, each in its own transaction (packages/etl/src/load).
  const warehouse = await loadPendingBatches(getPool(), (r) =>
    logger.info(
      { file: r.fileName, kind: r.kind, status: r.status, seconds: r.seconds, stats: r.stats },
      "batch loaded into the warehouse",
    ),
  );
  return { ...result, seq: payload.seq, warehouseBatches: warehouse.length };
};
