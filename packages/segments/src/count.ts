import type { SegmentGroup } from "@dangol/domain";
import { compileStored, query, type SegmentDatabase, seoulYesterday } from "./database.ts";

export type SegmentCount = {
  size: number;
  baseSize: number;
  /** size / baseSize (0 on an empty base) */
  share: number;
  /** members' net spend over the last 12 months (customer_metrics.spend_12m), KRW */
  spend12m: number;
  baseSpend12m: number;
  spendShare: number;
  /** server time of the query */
  ms: number;
  asOf: string;
};

/**
 * The live count: the segment's size and its members' 12-month spend in one query, beside the
 * base's (active customers). Spend is the latest analytics refresh's figure, the one every screen
 * shows. The base's figures cost a scan of every customer and their metrics (half a second at 1M)
 * and do not move between two edits of a rule, so they are kept for BASE_TTL_MS per database
 * handle; the base's spend is all metrics minus the few non-active customers' (status index).
 */
export async function countSegment(
  db: SegmentDatabase,
  definition: SegmentGroup | unknown,
  options: { asOf?: string } = {},
): Promise<SegmentCount> {
  const asOf = options.asOf ?? seoulYesterday();
  const compiled = await compileStored(db, definition, asOf);
  const started = performance.now();
  const [row] = await query<{ size: string; spend: string }>(
    db,
    `WITH seg AS (${compiled.sql})
     SELECT count(*)::text AS size, COALESCE(sum(m.spend_12m), 0)::text AS spend
       FROM seg LEFT JOIN customer_metrics m ON m.customer_id = seg.customer_id`,
    compiled.values,
  );
  const base = await baseFigures(db);
  const ms = performance.now() - started;
  const size = Number(row?.size ?? 0);
  const spend12m = Number(row?.spend ?? 0);
  return {
    size,
    baseSize: base.size,
    share: base.size > 0 ? size / base.size : 0,
    spend12m,
    baseSpend12m: base.spend12m,
    spendShare: base.spend12m > 0 ? spend12m / base.spend12m : 0,
    ms,
    asOf,
  };
}

const BASE_TTL_MS = 60_000;
const baseCache = new WeakMap<object, { at: number; figures: Promise<{ size: number; spend12m: number }> }>();

function baseFigures(db: SegmentDatabase): Promise<{ size: number; spend12m: number }> {
  const cached = baseCache.get(db);
  if (cached && performance.now() - cached.at < BASE_TTL_MS) return cached.figures;
  const figures = readBaseFigures(db);
  baseCache.set(db, { at: performance.now(), figures });
  // a failed read is not kept: the next count asks again
  figures.catch(() => baseCache.delete(db));
  return figures;
}

/** The active base's size and 12-month spend, read now (countSegment keeps them for a minute). */
export function readBaseFigures(db: SegmentDatabase): Promise<{ size: number; spend12m: number }> {
  return query<{ size: string; spend: string }>(
    db,
    `SELECT (SELECT count(*) FROM customer WHERE status = 'ACTIVE')::text AS size,
            ((SELECT COALESCE(sum(spend_12m), 0) FROM customer_metrics)
           - (SELECT COALESCE(sum(m.spend_12m), 0) FROM customer x JOIN customer_metrics m ON m.customer_id = x.id
               WHERE x.status <> 'ACTIVE'))::text AS spend`,
  ).then(([row]) => ({ size: Number(row?.size ?? 0), spend12m: Number(row?.spend ?? 0) }));
}

/** The compiled SQL and its values, for the builder's "view SQL". */
export async function explainSegment(
  db: SegmentDatabase,
  definition: unknown,
  options: { asOf?: string } = {},
): Promise<{ sql: string; values: unknown[]; asOf: string }> {
  const asOf = options.asOf ?? seoulYesterday();
  const { sql, values } = await compileStored(db, definition, asOf);
  return { sql, values, asOf };
}
