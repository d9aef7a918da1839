/**
 * The load stage (staging → warehouse): every staged batch (status LOADED, in staging.current_batch)
 * not yet applied is applied in arrival (id) order, each in one transaction that ends by setting
 * etl_batch.warehouse_loaded_at — so a batch is never applied twice and a re-run changes nothing.
 */
import { analyzeStaleTables } from "@dangol/db/statistics";
import type { Pool, PoolClient } from "pg";
import { ensureSourceSystems, loadMaster } from "./masters.ts";
import { dropIdentityCache, loadMembers, promoteIdentityCache } from "./members.ts";
import { loadPoints } from "./points.ts";
import { loadSales } from "./sales.ts";

export interface LoadBatchResult {
  batchId: string;
  fileName: string;
  kind: string;
  status: "loaded" | "superseded" | "already_loaded";
  seconds: number;
  stats: Record<string, unknown>;
}

export class StagingLostError extends Error {}

/** The warehouse tables the load stage writes (growing with the deliveries). */
export const WAREHOUSE_TABLES = [
  "customer",
  "customer_source_link",
  "customer_consent",
  "consent_event",
  "customer_attribute_history",
  "customer_merge",
  "identity_review",
  "receipt",
  "receipt_line",
  "point_entry",
  "point_allocation",
  "etl_finding",
  "etl_rejected_row",
];

/** What the load stage writes and then probes by key; kept analyzed as they grow (analyzeStaleTables). */
const LOADED_TABLES = [...WAREHOUSE_TABLES, "staging.member", "staging.sale_line"];

async function applyBatch(client: PoolClient, batchId: string): Promise<LoadBatchResult | null> {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL TIME ZONE 'Asia/Seoul'`);
    // A batch runs dozens of short statements on small temp tables joined to big ones: JIT
    // compiling them (it kicks in on big-table cost estimates) costs more than it saves.
    await client.query(`SET LOCAL jit = off`);
    // A member chunk sorts and de-duplicates 50k links and 250k consent events per statement: at
    // the default 4 MB every one of those spilled to disk (auto_explain: "external merge").
    await client.query(`SET LOCAL work_mem = '128MB'`);
    const started = performance.now();
    const { rows } = await client.query(
      `SELECT b.id::text, b.source_code, b.feed_kind, b.file_name, b.loaded, b.business_date::text AS business_date,
              b.warehouse_loaded_at, (cb.batch_id IS NOT NULL) AS current
         FROM etl_batch b LEFT JOIN staging.current_batch cb ON cb.batch_id = b.id
        WHERE b.id = $1 AND b.status = 'LOADED' FOR UPDATE OF b`,
      [batchId],
    );
    const b = rows[0];
    if (!b || b.warehouse_loaded_at) {
      await client.query("ROLLBACK");
      return null;
    }
    const kind = b.feed_kind as string;
    let stats: Record<string, unknown> = {};
    let status: LoadBatchResult["status"] = "loaded";
    if (!b.current) status = "superseded";
    else {
      const table = kind === "member" ? "member" : kind === "sales" ? "sale_line" : null;
      if (table) {
        const [{ n }] =
          // One staged row per row of the file: an SM receipt line stages one per item.
          (await client.query(`SELECT count(*)::int AS n FROM staging.${table} WHERE batch_id = $1`, [batchId])).rows;
        if (n !== b.loaded)
          throw new StagingLostError(
            `${b.file_name}: ${n} staged rows but ${b.loaded} loaded (staging was emptied?): re-ingest the file`,
          );
      }
      await ensureSourceSystems(client);
      const day = b.business_date ?? new Date().toISOString().slice(0, 10);
      if (kind === "member") stats = { ...(await loadMembers(client, batchId, day)) };
      else if (kind === "sales") {
        stats = { ...(await loadSales(client, batchId)) };
        stats.points = await loadPoints(client, batchId);
      } else stats = await loadMaster(client, batchId, kind);
    }
    const seconds = (performance.now() - started) / 1000;
    stats.seconds = Math.round(seconds * 1000) / 1000;
    stats.status = status;
    await client.query(`UPDATE etl_batch SET warehouse_loaded_at = now(), warehouse_stats = $2 WHERE id = $1`, [
      batchId,
      JSON.stringify(stats),
    ]);
    await client.query("COMMIT");
    promoteIdentityCache();
    return { batchId, fileName: b.file_name, kind, status, seconds, stats };
  } catch (error) {
    dropIdentityCache();
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * Applies every staged batch not yet in the warehouse, oldest first. One caller at a time (the
 * etl queue has concurrency 1; the row lock makes a concurrent caller wait, then skip).
 */
export async function loadPendingBatches(
  pool: Pool,
  onBatch?: (result: LoadBatchResult) => void,
): Promise<LoadBatchResult[]> {
  const { rows } = await pool.query(
    `SELECT id::text FROM etl_batch WHERE status = 'LOADED' AND warehouse_loaded_at IS NULL ORDER BY id`,
  );
  const results: LoadBatchResult[] = [];
  const client = await pool.connect();
  try {
    for (const { id } of rows) {
      const result = await applyBatch(client, id);
      await analyzeStaleTables(client, LOADED_TABLES);
      if (result) {
        results.push(result);
        onBatch?.(result);
      }
    }
  } finally {
    client.release();
  }
  return results;
}
