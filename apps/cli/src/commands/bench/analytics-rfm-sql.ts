/**
 * The baseline of the RFM + lifecycle benchmark: one hand-written SQL statement computing, from
 * the raw receipts, the scores and stages the refresh computes (docs/metrics.md), and the check
 * that both agree customer by customer.
 */
import type { AnalyticsConfig } from "@dangol/domain/analytics";
import type { ClientBase } from "pg";

type Windows = { asOf: number; rfmFrom: number; cycleFrom: number; month: number };

const day = (param: number) => `(DATE '1970-01-01' + $${param}::int)`;

/**
 * R/F/M = NTILE(5) worst → best, ties by customer id, over customers with a sale in the RFM
 * window; the lifecycle stage from the median gap between distinct sale days in the cycle
 * lookback (percentile_cont(0.5) is the mean of the middle two for an even count, as the domain's
 * median), thresholds = min(round(multiple × max(median, floor)), cap) or the fixed days.
 * LEAST and GREATEST skip NULLs, hence `+ 0 * interval` to keep a missing rhythm NULL.
 */
export const RFM_LIFECYCLE_SQL = `
WITH sale_day AS (
  SELECT DISTINCT r.customer_id, r.business_date - DATE '1970-01-01' AS day
    FROM receipt r JOIN customer c ON c.id = r.customer_id
   WHERE r.type = 'SALE' AND c.status <> 'MERGED' AND r.business_date <= ${day(1)}
), ever AS (
  SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) FILTER (WHERE day >= $3) AS purchase_days
    FROM sale_day GROUP BY customer_id
), gap AS (
  SELECT customer_id, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap
    FROM sale_day WHERE day >= $3
), rhythm AS (
  SELECT customer_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median
    FROM gap WHERE gap IS NOT NULL GROUP BY customer_id
), rfm AS (
  SELECT r.customer_id,
         $1 - max(r.business_date - DATE '1970-01-01') FILTER (WHERE r.type = 'SALE') AS recency,
         count(*) FILTER (WHERE r.type = 'SALE') AS frequency,
         sum(r.net_amount) AS monetary
    FROM receipt r JOIN customer c ON c.id = r.customer_id
   WHERE c.status <> 'MERGED' AND r.business_date BETWEEN ${day(2)} AND ${day(1)}
   GROUP BY r.customer_id HAVING bool_or(r.type = 'SALE')
), scored AS (
  SELECT customer_id,
         ntile(5) OVER (ORDER BY recency DESC, customer_id) AS r_score,
         ntile(5) OVER (ORDER BY frequency, customer_id) AS f_score,
         ntile(5) OVER (ORDER BY monetary, customer_id) AS m_score
    FROM rfm
), threshold AS (
  SELECT e.customer_id, $1 - e.first_day AS since_first, $1 - e.last_day AS since_last,
         prev.lifecycle_stage AS prev_stage, e.last_day > prev.as_of - DATE '1970-01-01' AS bought_since,
         CASE WHEN e.purchase_days >= $5 AND e.purchase_days >= greatest(3, $6) AND h.median IS NOT NULL
              THEN greatest(h.median, $7) END AS interval
    FROM ever e
    LEFT JOIN rhythm h ON h.customer_id = e.customer_id
    LEFT JOIN customer_metrics_snapshot prev ON prev.customer_id = e.customer_id
          AND prev.month = (SELECT max(month) FROM customer_metrics_snapshot WHERE month < ${day(4)})
)
SELECT t.customer_id, s.r_score, s.f_score, s.m_score,
       CASE WHEN t.since_last > coalesce(least(floor($10 * t.interval + 0.5), $11) + 0 * t.interval, $14) THEN 'churned'
            WHEN t.since_last > coalesce(least(floor($9 * t.interval + 0.5), $11) + 0 * t.interval, $13) THEN 'dormant'
            WHEN t.since_last > coalesce(least(floor($8 * t.interval + 0.5), $11) + 0 * t.interval, $12) THEN 'at_risk'
            WHEN t.prev_stage IN ('dormant', 'churned') AND t.bought_since THEN 'reactivated'
            WHEN t.since_first <= $15 THEN 'new'
            ELSE 'active' END AS lifecycle_stage
  FROM threshold t LEFT JOIN scored s ON s.customer_id = t.customer_id`;

export function rfmLifecycleParams(config: AnalyticsConfig, w: Windows): unknown[] {
  const l = config.lifecycle;
  return [
    w.asOf,
    w.rfmFrom,
    w.cycleFrom,
    w.month,
    l.minPurchaseDays,
    config.cycles.minPurchaseDays,
    l.minIntervalDays,
    l.atRiskMultiple,
    l.dormantMultiple,
    l.churnedMultiple,
    l.maxChurnedDays,
    l.fixedAtRiskDays,
    l.fixedDormantDays,
    l.fixedChurnedDays,
    l.newWithinDays,
  ];
}

/** Runs the baseline into a new temp table on `client`; returns its row count. */
export async function computeRfmLifecycleSql(
  client: ClientBase,
  table: string,
  config: AnalyticsConfig,
  w: Windows,
): Promise<number> {
  const result = await client.query(
    `CREATE TEMP TABLE ${table} AS ${RFM_LIFECYCLE_SQL}`,
    rfmLifecycleParams(config, w),
  );
  return result.rowCount ?? 0;
}

/**
 * Customers on which two result tables (customer_id, r_score, f_score, m_score, lifecycle_stage)
 * disagree, counting a customer present in only one of them.
 */
export async function countDisagreements(client: ClientBase, left: string, right: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${left} a FULL JOIN ${right} b ON a.customer_id = b.customer_id
      WHERE a.customer_id IS NULL OR b.customer_id IS NULL
         OR (a.r_score::int, a.f_score::int, a.m_score::int, a.lifecycle_stage::text)
            IS DISTINCT FROM (b.r_score::int, b.f_score::int, b.m_score::int, b.lifecycle_stage::text)`,
  );
  return rows[0]!.n;
}
