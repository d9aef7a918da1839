import type { Pool, PoolClient } from "pg";
import { STAGING_COLUMNS } from "../feeds/columns.ts";
import type { FeedFile } from "../feeds/identify.ts";
import { readFeed } from "../feeds/read.ts";
import { FileRefusedError, type Finding, type Rejected, rowsOf } from "../feeds/types.ts";
import {
  type BatchRow,
  type Counts,
  claimBatch,
  clearBatch,
  loadReference,
  lockBatch,
  markFailed,
  markLoaded,
  markRefused,
  markRunning,
} from "./batch-store.ts";
import { CopyWriter } from "./copy-writer.ts";
import { deliveryDigest } from "./digest.ts";

export type IngestStatus = "loaded" | "duplicate_file" | "refused";

export type IngestResult = {
  batchId: string;
  file: string;
  division: string;
  kind: string;
  status: IngestStatus;
  rowsIn: number;
  loaded: number;
  rejected: number;
  skipped: number;
  findings: Record<string, number>;
  seconds: number;
  reason?: string;
};

export type IngestProgress = { rowsRead: number; bytesRead: number; totalBytes: number };

export type IngestOptions = {
  pool: Pool;
  path: string;
  file: FeedFile;
  /**
   * Who is ingesting, the same for every attempt of one queued job and different for any other
   * (the worker passes `<job id>@<job creation time>`). It is stored with the staged batch so that
   * an attempt finding the batch loaded by its own job (an earlier attempt that committed and was
   * then killed, or ran on after a lapsed lock) reports that load instead of duplicate_file.
   */
  jobKey?: string;
  onProgress?: (progress: IngestProgress) => void;
};

/**
 * Ingests one delivered file into staging, accounting for every row in its etl_batch:
 * rows in = loaded + rejected + skipped. Staged rows, rejections, findings and the batch's
 * counters commit in ONE transaction, so a crash leaves either the whole batch or nothing
 * (the batch row then stays RUNNING/FAILED with zero counts and the next attempt restarts it).
 */
export async function ingestFile({ pool, path, file, jobKey, onProgress }: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const { sha256, size } = await deliveryDigest(path, file.division);
  const { batch } = await claimBatch(pool, file, sha256, size);
  const result = (status: IngestStatus, counts: Counts, reason?: string): IngestResult => ({
    batchId: batch.id,
    file: file.name,
    division: file.division,
    kind: file.kind,
    status,
    ...counts,
    seconds: Math.round(performance.now() - started) / 1000,
    ...(reason === undefined ? {} : { reason }),
  });

  // Same name, same content, already settled: nothing changes, and unless this job loaded it
  // itself, every row counts as skipped.
  const alreadyLoaded = (settled: BatchRow): IngestResult =>
    jobKey !== undefined && settled.status === "LOADED" && settled.ingestJob === jobKey
      ? result("loaded", {
          rowsIn: settled.rowsIn,
          loaded: settled.loaded,
          rejected: settled.rejected,
          skipped: settled.skipped,
          findings: settled.findings ?? {},
        })
      : result("duplicate_file", {
          rowsIn: settled.rowsIn,
          loaded: 0,
          rejected: 0,
          skipped: settled.rowsIn,
          findings: {},
        });

  // A damaged file stays refused.
  if (batch.status === "LOADED" || batch.status === "DUPLICATE_FILE") return alreadyLoaded(batch);
  if (batch.status === "REFUSED") {
    return result(
      "refused",
      { rowsIn: batch.rowsIn, loaded: 0, rejected: batch.rowsIn, skipped: 0, findings: {} },
      batch.refusalReason ?? "refused",
    );
  }

  await markRunning(pool, batch.id);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const locked = await lockBatch(client, batch.id);
    if (locked.status === "LOADED") {
      await client.query("ROLLBACK");
      return alreadyLoaded(locked);
    }
    const reference = file.kind === "sales" ? await loadReference(pool, file.division) : undefined;
    const table = tableOf(file);
    await clearBatch(client, batch.id, table);
    const counts = await stage(client, batch.id, path, file, table, reference, size, onProgress);
    await markLoaded(client, batch.id, counts, jobKey ?? null);
    await client.query("COMMIT");
    return result("loaded", counts);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if (error instanceof FileRefusedError) {
      await markRefused(pool, batch.id, error.reason, error.rowsIn);
      return result(
        "refused",
        { rowsIn: error.rowsIn, loaded: 0, rejected: error.rowsIn, skipped: 0, findings: {} },
        error.reason,
      );
    }
    await markFailed(pool, batch.id, (error as Error).message).catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function tableOf(file: FeedFile) {
  return (
    {
      store: "store",
      product: "product",
      member: "member",
      sales: "sale_line",
      category: "hq_category",
      category_map: "hq_category_map",
      region: "hq_region",
    } as const
  )[file.kind];
}

async function stage(
  client: PoolClient,
  batchId: string,
  path: string,
  file: FeedFile,
  table: ReturnType<typeof tableOf>,
  reference: Awaited<ReturnType<typeof loadReference>> | undefined,
  totalBytes: number,
  onProgress: IngestOptions["onProgress"],
): Promise<Counts> {
  const counts: Counts = { rowsIn: 0, loaded: 0, rejected: 0, skipped: 0, findings: {} };
  // Rejections and findings are a small fraction of a file; they are copied after the rows
  // because one connection runs one COPY at a time.
  const rejected: Rejected[] = [];
  const findings: Finding[] = [];
  let bytesRead = 0;
  const rows = new CopyWriter(client, `staging.${table}`, ["batch_id", "line_no", ...STAGING_COLUMNS[table]]);
  try {
    const events = readFeed(path, file, {
      businessDate: file.businessDate,
      reference,
      onBytes: (n) => {
        bytesRead += n;
      },
    });
    for await (const batch of events) {
      for (const event of batch) {
        counts.rowsIn += rowsOf(event);
        if (event.type === "row") {
          counts.loaded += event.rows.length;
          for (const row of event.rows) await rows.write([batchId, event.lineNo, ...row]);
          for (const finding of event.findings) {
            findings.push(finding);
            counts.findings[finding.kind] = (counts.findings[finding.kind] ?? 0) + 1;
          }
        } else if (event.type === "reject") {
          counts.rejected += rowsOf(event);
          rejected.push(event);
        } else {
          counts.skipped += rowsOf(event);
        }
      }
      onProgress?.({ rowsRead: counts.rowsIn, bytesRead, totalBytes });
    }
  } finally {
    await rows.end();
  }
  if (rejected.length > 0) {
    const copy = new CopyWriter(client, "etl_rejected_row", ["batch_id", "line_no", "reason", "raw"]);
    for (const r of rejected) await copy.write([batchId, r.lineNo, r.reason, r.raw]);
    await copy.end();
  }
  if (findings.length > 0) {
    const copy = new CopyWriter(client, "etl_finding", [
      "batch_id",
      "line_no",
      "kind",
      "field",
      "raw_value",
      "source_key",
    ]);
    for (const f of findings) await copy.write([batchId, f.lineNo, f.kind, f.field, f.raw, f.key]);
    await copy.end();
  }
  return counts;
}
