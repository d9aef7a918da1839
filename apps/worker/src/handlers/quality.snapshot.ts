import { recordDataQualitySnapshot, seoulToday } from "@dangol/etl/quality";
import type pg from "pg";
import { getPool } from "../db.ts";
import type { Handler } from "./types.ts";

/**
 * Data-quality figures per Seoul day (packages/etl/src/quality): after a delivery for the business
 * days it loaded, nightly for today. Each day is one upsert, so a retry or a repeat is harmless.
 */
export function createQualitySnapshotHandler(options: { pool?: () => pg.Pool } = {}) {
  const poolOf = options.pool ?? getPool;
  const handler: Handler<"quality.snapshot"> = async (payload, { job, logger }) => {
    const days = payload.days?.length ? payload.days : [seoulToday()];
    const pool = poolOf();
    const recorded: Record<string, number> = {};
    for (const [i, day] of days.entries()) {
      const figures = await recordDataQualitySnapshot(pool, day);
      recorded[day] = figures.customers;
      await job.updateProgress(Math.round(((i + 1) / days.length) * 100));
    }
    logger.info({ days, trigger: payload.trigger }, "data-quality snapshots recorded");
    return { days, customers: recorded };
  };
  return handler;
}

export const qualitySnapshot = createQualitySnapshotHandler();
