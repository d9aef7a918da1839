-- Dashboards (issue 7): the month-by-month figures of the base overview, pre-aggregated.
-- Counting buyers per month over receipts is a full scan (seconds at 1M customers); grouped by
-- month × home 시/도 × the customer's division memberships it is a few thousand rows that answer
-- every page filter (format = a bit of `formats`, region = `sido`) by summing. Buyers are additive
-- across groups because each customer sits in exactly one group. Refreshed (CONCURRENTLY, so the
-- page keeps reading) by refreshDashboardAggregates at the end of every analytics refresh.
CREATE SCHEMA IF NOT EXISTS dashboard;

CREATE MATERIALIZED VIEW dashboard.customer_month AS
WITH buyer_month AS (
  SELECT r.customer_id,
         date_trunc('month', r.business_date)::date AS month,
         sum(r.net_amount) AS spend,
         bool_or(r.type = 'SALE') AS bought
    FROM receipt r
   WHERE r.customer_id IS NOT NULL
   GROUP BY 1, 2
), formats AS (
  -- the same memberships the customer list's format filter probes
  SELECT customer_id,
         bit_or(CASE source_code WHEN 'DPT' THEN 1 WHEN 'MART' THEN 2 WHEN 'SM' THEN 4 ELSE 0 END) AS formats
    FROM customer_source_link
   WHERE withdrawn_at IS NULL AND NOT inferred
   GROUP BY 1
)
SELECT b.month,
       coalesce(c.sido, '') AS sido,
       coalesce(f.formats, 0) AS formats,
       count(*) FILTER (WHERE b.bought)::int AS buyers,
       count(*) FILTER (WHERE b.bought AND date_trunc('month', m.first_purchase_on)::date = b.month)::int AS new_buyers,
       coalesce(sum(b.spend), 0)::bigint AS spend
  FROM buyer_month b
  JOIN customer c ON c.id = b.customer_id AND c.status = 'ACTIVE'
  LEFT JOIN formats f ON f.customer_id = b.customer_id
  LEFT JOIN customer_metrics m ON m.customer_id = b.customer_id
 GROUP BY 1, 2, 3;

-- REFRESH … CONCURRENTLY needs a unique index.
CREATE UNIQUE INDEX customer_month_key ON dashboard.customer_month (month, sido, formats);

-- Each customer's first purchase per format: "customers gained by one format from another" is a
-- first purchase at B after an earlier one at A. One row per customer × format used.
CREATE MATERIALIZED VIEW dashboard.format_first AS
SELECT r.customer_id, r.source_code AS format, min(r.business_date) AS first_on
  FROM receipt r
 WHERE r.customer_id IS NOT NULL AND r.type = 'SALE'
 GROUP BY 1, 2;

CREATE UNIQUE INDEX format_first_key ON dashboard.format_first (customer_id, format);
CREATE INDEX format_first_format ON dashboard.format_first (format, first_on);
