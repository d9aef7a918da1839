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
 * The live count: ONE query returning the segment's size and 12-month spend beside the base's
 * (active customers). Spend is the latest analytics refresh's figure, the one every screen shows.
 * The base's spend is all metrics minus the few non-active customers' (status index), because
 * joining a million customers to their metrics on every keystroke cost more than the segment.
 */
export async function countSegment(
  db: SegmentDatabase,
  definition: SegmentGroup | unknown,
  options: { asOf?: string } = {},
): Promise<SegmentCount> {
  const asOf = options.asOf ?? seoulYesterday();
  const compiled = await compileStored(db, definition, asOf);
  const started = performance.now();
  const [row] = await query<{ size: string; spend: string; base_size: string; base_spend: string }>(
    db,
    `WITH seg AS (${compiled.sql}),
     hit AS (SELECT count(*) AS size, COALESCE(sum(m.spend_12m), 0) AS spend
               FROM seg LEFT JOIN customer_metrics m ON m.customer_id = seg.customer_id),
     base AS (SELECT (SELECT count(*) FROM customer WHERE status = 'ACTIVE') AS size,
                     (SELECT COALESCE(sum(spend_12m), 0) FROM customer_metrics)
                   - (SELECT COALESCE(sum(m.spend_12m), 0) FROM customer x JOIN customer_metrics m ON m.customer_id = x.id
                       WHERE x.status <> 'ACTIVE') AS spend)
     SELECT hit.size::text AS size, hit.spend::text AS spend, base.size::text AS base_size, base.spend::text AS base_spend
       FROM hit, base`,
    compiled.values,
  );
  const ms = performance.now() - started;
  const size = Number(row?.size ?? 0);
  const baseSize = Number(row?.base_size ?? 0);
  const spend12m = Number(row?.spend ?? 0);
  const baseSpend12m = Number(row?.base_spend ?? 0);
  return {
    size,
    baseSize,
    share: baseSize > 0 ? size / baseSize : 0,
    spend12m,
    baseSpend12m,
    spendShare: baseSpend12m > 0 ? spend12m / baseSpend12m : 0,
    ms,
    asOf,
  };
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
