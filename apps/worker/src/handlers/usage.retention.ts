import { pageViewRetentionCutoff } from "@dangol/domain/usage/retention";
import type pg from "pg";
import { getPool } from "../db.ts";
import type { Handler } from "./types.ts";

/** Small batches keep each delete's locks and WAL short beside the web's inserts. */
const BATCH = 10_000;

/** Deletes the page views recorded before `cutoff`, a batch at a time; returns how many went. */
export async function deleteOldPageViews(pool: pg.Pool, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM page_view WHERE id IN (SELECT id FROM page_view WHERE at < $1 ORDER BY at LIMIT ${BATCH})`,
      [cutoff],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) return deleted;
  }
}

/** Nightly: screen-usage page views are kept 400 days (packages/domain/src/usage/retention.ts). */
export function createUsageRetentionHandler(options: { pool?: () => pg.Pool; now?: () => Date } = {}) {
  const poolOf = options.pool ?? getPool;
  const now = options.now ?? (() => new Date());
  const handler: Handler<"usage.retention"> = async (payload, { logger }) => {
    const cutoff = pageViewRetentionCutoff(now());
    const deleted = await deleteOldPageViews(poolOf(), cutoff);
    logger.info({ deleted, cutoff: cutoff.toISOString(), trigger: payload.trigger }, "old page views deleted");
    return { deleted, cutoff: cutoff.toISOString() };
  };
  return handler;
}

export const usageRetention = createUsageRetentionHandler();
