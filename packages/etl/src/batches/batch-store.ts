import type { Pool, PoolClient } from "pg";
import type { FeedFile } from "../feeds/identify.ts";
import type { Reference } from "../feeds/types.ts";

export type BatchRow = {
  id: string;
  status: "PENDING" | "RUNNING" | "LOADED" | "DUPLICATE_FILE" | "REFUSED" | "FAILED";
  rowsIn: number;
  loaded: number;
  rejected: number;
  skipped: number;
  findings: Record<string, number> | null;
  refusalReason: string | null;
  /** the job that staged it (markLoaded), null for batches staged outside a job */
  ingestJob: string | null;
};

export type Counts = {
  rowsIn: number;
  loaded: number;
  rejected: number;
  skipped: number;
  findings: Record<string, number>;
};

const COLUMNS = `id::text AS id, status::text AS status, rows_in AS "rowsIn", loaded, rejected, skipped, findings,
  refusal_reason AS "refusalReason", ingest_job AS "ingestJob"`;

/**
 * The batch for (source, name, checksum): created PENDING if new. The unique key makes this the
 * one place two loaders of the same content meet, so whatever exists is returned as is.
 */
export async function claimBatch(
  pool: Pool,
  file: FeedFile,
  sha256: string,
  size: number,
): Promise<{ batch: BatchRow; created: boolean }> {
  const inserted = await pool.query<BatchRow>(
    `INSERT INTO etl_batch (source_code, feed_kind, file_name, file_checksum, size_bytes, business_date, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'PENDING')
     ON CONFLICT (source_code, file_name, file_checksum) DO NOTHING
     RETURNING ${COLUMNS}`,
    [file.division, file.kind, file.name, sha256, size, file.businessDate],
  );
  if (inserted.rows[0]) return { batch: inserted.rows[0], created: true };
  const existing = await pool.query<BatchRow>(
    `SELECT ${COLUMNS} FROM etl_batch WHERE source_code = $1 AND file_name = $2 AND file_checksum = $3`,
    [file.division, file.name, sha256],
  );
  return { batch: existing.rows[0]!, created: false };
}

/**
 * Committed on its own, so operators see the batch running while its transaction is open. Never
 * over a LOADED batch: a second attempt of the same file blocked here behind the first one's
 * staging transaction must find its result under lockBatch, not reset it.
 */
export async function markRunning(pool: Pool, id: string): Promise<void> {
  await pool.query(
    `UPDATE etl_batch SET status = 'RUNNING', started_at = now(), finished_at = NULL, refusal_reason = NULL,
            rows_in = 0, loaded = 0, rejected = 0, skipped = 0, findings = NULL, ingest_job = NULL
      WHERE id = $1 AND status <> 'LOADED'`,
    [id],
  );
}

/**
 * Locks the batch row for the staging transaction; NOWAIT so a second loader of the same batch
 * (a stalled job's old run still alive) fails fast and retries instead of double-staging.
 * Returns the batch as seen under the lock.
 */
export async function lockBatch(client: PoolClient, id: string): Promise<BatchRow> {
  const row = await client.query<BatchRow>(`SELECT ${COLUMNS} FROM etl_batch WHERE id = $1 FOR UPDATE NOWAIT`, [id]);
  return row.rows[0]!;
}

/** Leaves nothing of an earlier, interrupted attempt (defensive: a killed transaction already rolled back). */
export async function clearBatch(client: PoolClient, id: string, table: string): Promise<void> {
  await client.query(`DELETE FROM staging.${table} WHERE batch_id = $1`, [id]);
  await client.query(`DELETE FROM etl_rejected_row WHERE batch_id = $1`, [id]);
  await client.query(`DELETE FROM etl_finding WHERE batch_id = $1`, [id]);
}

export async function markLoaded(
  client: PoolClient,
  id: string,
  counts: Counts,
  ingestJob: string | null,
): Promise<void> {
  await client.query(
    `UPDATE etl_batch SET status = 'LOADED', rows_in = $2, loaded = $3, rejected = $4, skipped = $5,
            findings = $6::jsonb, ingest_job = $7, finished_at = now()
      WHERE id = $1`,
    [id, counts.rowsIn, counts.loaded, counts.rejected, counts.skipped, JSON.stringify(counts.findings), ingestJob],
  );
}

/** A refused file's rows all count as rejected, with the file's reason. */
export async function markRefused(pool: Pool, id: string, reason: string, rowsIn: number): Promise<void> {
  await pool.query(
    `UPDATE etl_batch SET status = 'REFUSED', refusal_reason = $2, rows_in = $3, loaded = 0, rejected = $3,
            skipped = 0, findings = NULL, finished_at = now()
      WHERE id = $1`,
    [id, reason, rowsIn],
  );
}

/** Counters stay zero: a FAILED batch is restarted from scratch by the next attempt. */
export async function markFailed(pool: Pool, id: string, reason: string): Promise<void> {
  await pool.query(
    `UPDATE etl_batch SET status = 'FAILED', refusal_reason = $2, finished_at = now() WHERE id = $1 AND status <> 'LOADED'`,
    [id, reason.slice(0, 2000)],
  );
}

export class MastersMissingError extends Error {
  override name = "MastersMissingError";
}

/** The division's latest staged store and product codes: sales rows are checked against them. */
export async function loadReference(pool: Pool, division: string): Promise<Reference> {
  const codes = async (table: "store" | "product", column: string, kind: string) => {
    const result = await pool.query<{ code: string }>(
      `SELECT s.${column} AS code FROM staging.${table} s
         JOIN staging.current_batch b ON b.batch_id = s.batch_id
        WHERE b.source_code = $1 AND b.feed_kind = $2`,
      [division, kind],
    );
    return new Set(result.rows.map((r) => r.code));
  };
  const stores = await codes("store", "store_code", "store");
  if (stores.size === 0) throw new MastersMissingError(`the ${division} store master is not staged yet: load it first`);
  return { stores, products: await codes("product", "product_code", "product") };
}
