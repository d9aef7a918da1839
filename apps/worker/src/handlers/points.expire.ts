import { runPointsExpiry } from "@dangol/etl/points";
import type pg from "pg";
import { getPool } from "../db.ts";
import type { Handler } from "./types.ts";

/**
 * Daily (00:10 Seoul) and on demand: EXPIRE entries for every lot whose last usable day is before
 * `asOf` (default today in Seoul), allocated to that lot. Idempotent; see packages/etl/src/points.
 */
export function createPointsExpireHandler(options: { pool?: () => pg.Pool } = {}) {
  const poolOf = options.pool ?? getPool;
  const handler: Handler<"points.expire"> = async (payload, { logger }) => {
    const result = await runPointsExpiry(poolOf(), { asOf: payload.asOf });
    logger.info(result, "points expired");
    return result;
  };
  return handler;
}

export const pointsExpire = createPointsExpireHandler();
