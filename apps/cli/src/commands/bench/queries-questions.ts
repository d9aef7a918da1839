/**
 * Ten questions analysts ask, written the way an analyst would write them in the workbench:
 * plain SQL over the analytics views (the query role's search_path is `analytics`), no
 * parameters, aggregates that return a table or a chart's worth of rows. `dangol bench queries`
 * times each one through the workbench's execution path and through psql.
 */
export interface AnalystQuestion {
  key: string;
  title: string;
  sql: string;
}

export const ANALYST_QUESTIONS: readonly AnalystQuestion[] = [
  {
    key: "monthly-spend-format-tier",
    title: "monthly spend by format and tier",
    sql: `SELECT date_trunc('month', r.business_date)::date AS month, r.format, coalesce(c.tier_code, 'NONE') AS tier,
       sum(r.net_amount) AS spend, count(*) AS receipts
  FROM receipts r
  JOIN customers c ON c.customer_id = r.customer_id
 WHERE r.business_date >= current_date - 365
 GROUP BY 1, 2, 3
 ORDER BY 1, 2, 3`,
  },
  {
    key: "top-categories-region",
    title: "top categories by region (90 days)",
    sql: `WITH spend AS (
  SELECT s.sido AS region, l.category_l1, sum(l.amount) AS spend
    FROM receipt_lines l
    JOIN stores s ON s.store_id = l.store_id
   WHERE l.business_date >= current_date - 90
   GROUP BY 1, 2
)
SELECT x.region, x.category_l1, c.name_ko, x.spend, x.rank
  FROM (SELECT spend.*, rank() OVER (PARTITION BY region ORDER BY spend DESC) AS rank FROM spend) x
  LEFT JOIN categories c ON c.category_code = x.category_l1
 WHERE x.rank <= 5
 ORDER BY x.region, x.rank`,
  },
  {
    key: "tier-migration",
    title: "tier migration between the two latest evaluations",
    sql: `WITH evaluations AS (
  SELECT DISTINCT (evaluated_at AT TIME ZONE 'Asia/Seoul')::date AS day FROM tier_history ORDER BY 1 DESC LIMIT 2
), d AS (SELECT min(day) AS previous, max(day) AS latest FROM evaluations)
SELECT coalesce(a.tier_code, 'NONE') AS previous_tier, coalesce(b.tier_code, 'NONE') AS latest_tier, count(*) AS customers
  FROM d
 CROSS JOIN customers c
  LEFT JOIN tier_history a ON a.customer_id = c.customer_id AND a.effective_from <= d.previous
       AND (a.effective_to IS NULL OR a.effective_to > d.previous)
  LEFT JOIN tier_history b ON b.customer_id = c.customer_id AND b.effective_from <= d.latest
       AND (b.effective_to IS NULL OR b.effective_to > d.latest)
 WHERE a.tier_code IS NOT NULL OR b.tier_code IS NOT NULL
 GROUP BY 1, 2
 ORDER BY 1, 2`,
  },
  {
    key: "cohort-retention",
    title: "cohort retention by join month",
    sql: `WITH cohort AS (
  SELECT customer_id, date_trunc('month', joined_on)::date AS cohort
    FROM customers
   WHERE joined_on >= current_date - interval '36 months'
), sizes AS (SELECT cohort, count(*) AS size FROM cohort GROUP BY 1),
active AS (
  SELECT DISTINCT customer_id, date_trunc('month', business_date)::date AS month
    FROM receipts
   WHERE customer_id IS NOT NULL AND receipt_type = 'SALE' AND business_date >= current_date - interval '36 months'
)
SELECT c.cohort,
       ((extract(year FROM a.month) - extract(year FROM c.cohort)) * 12
         + extract(month FROM a.month) - extract(month FROM c.cohort))::int AS months_after,
       count(*) AS active, s.size, round(count(*)::numeric / s.size, 4) AS retention
  FROM cohort c
  JOIN active a ON a.customer_id = c.customer_id AND a.month >= c.cohort
  JOIN sizes s ON s.cohort = c.cohort
 GROUP BY 1, 2, s.size
 ORDER BY 1, 2`,
  },
  {
    key: "basket-lifecycle",
    title: "basket size by lifecycle stage",
    sql: `SELECT m.lifecycle_stage, count(*) AS receipts, round(avg(r.line_count), 2) AS lines_per_basket,
       round(avg(r.net_amount)) AS spend_per_basket
  FROM receipts r
  JOIN customer_metrics m ON m.customer_id = r.customer_id
 WHERE r.receipt_type = 'SALE' AND r.business_date >= current_date - 365
 GROUP BY 1
 ORDER BY 1`,
  },
  {
    key: "format-combo-share",
    title: "spend share by format combo",
    sql: `SELECT format_combo, count(*) AS customers, sum(spend_12m) AS spend_12m,
       round(sum(spend_12m)::numeric / nullif(sum(sum(spend_12m)) OVER (), 0), 4) AS share_of_spend,
       round(avg(share_dpt)::numeric, 3) AS dpt, round(avg(share_mart)::numeric, 3) AS mart,
       round(avg(share_sm)::numeric, 3) AS sm
  FROM customer_metrics
 GROUP BY 1
 ORDER BY spend_12m DESC NULLS LAST`,
  },
  {
    key: "rfm-segments",
    title: "RFM segment sizes and spend",
    sql: `SELECT rfm_segment, count(*) AS customers, sum(monetary) AS monetary,
       round(avg(frequency), 2) AS frequency, round(avg(recency_days)) AS recency_days
  FROM customer_metrics
 GROUP BY 1
 ORDER BY customers DESC`,
  },
  {
    key: "points-division-month",
    title: "points earned vs used by division per month",
    sql: `SELECT date_trunc('month', business_date)::date AS month, division,
       sum(points_earned) AS earned, sum(points_used) AS used, count(*) AS receipts
  FROM receipts
 WHERE business_date >= current_date - 365
 GROUP BY 1, 2
 ORDER BY 1, 2`,
  },
  {
    key: "due-now-category",
    title: "due-now customers by category",
    sql: `SELECT y.category_code, c.name_ko, count(*) AS customers_due,
       round(avg(y.median_interval_days)::numeric, 1) AS median_interval_days
  FROM category_cycles y
  LEFT JOIN categories c ON c.category_code = y.category_code
 WHERE y.due_now
 GROUP BY 1, 2
 ORDER BY customers_due DESC
 LIMIT 50`,
  },
  {
    key: "age-band-format",
    title: "age band × format spend",
    sql: `SELECT c.age_band, r.format, sum(r.net_amount) AS spend, count(DISTINCT r.customer_id) AS customers
  FROM receipts r
  JOIN customers c ON c.customer_id = r.customer_id
 WHERE r.business_date >= current_date - 365
 GROUP BY 1, 2
 ORDER BY 1, 2`,
  },
];
