-- "Customers gained by one format from another", pre-aggregated like the month figures: joining
-- each customer's first purchases per format took seconds at 1M customers. Grouped by the month of
-- the first purchase at the new format × 시/도 × memberships; a customer counts once per (from, to).
-- The memberships bit mask becomes one view both aggregates use.
CREATE VIEW dashboard.customer_formats AS
SELECT customer_id,
       bit_or(CASE source_code WHEN 'DPT' THEN 1 WHEN 'MART' THEN 2 WHEN 'SM' THEN 4 ELSE 0 END) AS formats
  FROM customer_source_link
 WHERE withdrawn_at IS NULL AND NOT inferred
 GROUP BY 1;

DROP MATERIALIZED VIEW dashboard.customer_month;
CREATE MATERIALIZED VIEW dashboard.customer_month AS
WITH buyer_month AS (
  SELECT r.customer_id,
         date_trunc('month', r.business_date)::date AS month,
         sum(r.net_amount) AS spend,
         bool_or(r.type = 'SALE') AS bought
    FROM receipt r
   WHERE r.customer_id IS NOT NULL
   GROUP BY 1, 2
)
SELECT b.month,
       coalesce(c.sido, '') AS sido,
       coalesce(f.formats, 0) AS formats,
       count(*) FILTER (WHERE b.bought)::int AS buyers,
       count(*) FILTER (WHERE b.bought AND date_trunc('month', m.first_purchase_on)::date = b.month)::int AS new_buyers,
       coalesce(sum(b.spend), 0)::bigint AS spend
  FROM buyer_month b
  JOIN customer c ON c.id = b.customer_id AND c.status = 'ACTIVE'
  LEFT JOIN dashboard.customer_formats f ON f.customer_id = b.customer_id
  LEFT JOIN customer_metrics m ON m.customer_id = b.customer_id
 GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX customer_month_key ON dashboard.customer_month (month, sido, formats);

CREATE MATERIALIZED VIEW dashboard.format_gained AS
SELECT date_trunc('month', b.first_on)::date AS month,
       coalesce(c.sido, '') AS sido,
       coalesce(f.formats, 0) AS formats,
       a.format AS from_format,
       b.format AS to_format,
       count(*)::int AS customers
  FROM dashboard.format_first b
  JOIN dashboard.format_first a ON a.customer_id = b.customer_id AND a.format <> b.format AND a.first_on < b.first_on
  JOIN customer c ON c.id = b.customer_id AND c.status = 'ACTIVE'
  LEFT JOIN dashboard.customer_formats f ON f.customer_id = b.customer_id
 WHERE a.format IN ('DPT', 'MART', 'SM') AND b.format IN ('DPT', 'MART', 'SM')
 GROUP BY 1, 2, 3, 4, 5;
CREATE UNIQUE INDEX format_gained_key ON dashboard.format_gained (month, sido, formats, from_format, to_format);
