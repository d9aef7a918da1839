/**
 * The CRM dashboards' queries (issue 7), shared by the web pages and `dangol bench dashboards`.
 *
 * Every figure counts ACTIVE golden customers narrowed by the page filters exactly as the customer
 * list narrows them (format = a live, non-inferred membership link; region = home 시/도), so a
 * number and the list it links to agree. Per-customer figures read customer_metrics (one row per
 * customer, grouped once with GROUPING SETS); month-by-month and "gained" figures read the
 * pre-aggregated dashboard.* materialised views (refreshDashboardAggregates), never the receipts.
 *
 * SQL texts are constants; the filters travel as parameters only.
 */
import { z } from "zod";

export const DASHBOARD_FORMATS = ["DPT", "MART", "SM"] as const;
export const DASHBOARD_PERIODS = [3, 6, 12, 24] as const;

export const dashboardFiltersSchema = z.object({
  format: z.enum(DASHBOARD_FORMATS).nullable(),
  sido: z.string().trim().min(1).max(32).nullable(),
  /** months of history in the trends and the "gained" window */
  months: z.union(DASHBOARD_PERIODS.map((n) => z.literal(n))),
});
export type DashboardFilters = z.output<typeof dashboardFiltersSchema>;

/** Runs one parameterised statement ($1 …) and returns its rows. */
export type DashboardSql = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

const FORMAT_BIT: Record<(typeof DASHBOARD_FORMATS)[number], number> = { DPT: 1, MART: 2, SM: 4 };

/** $1 = format or null, $2 = 시/도 or null; the same probes as the customer list's filters. */
const BASE_WHERE = `c.status = 'ACTIVE'
  AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM customer_source_link f WHERE f.customer_id = c.id
        AND f.source_code = $1 AND f.withdrawn_at IS NULL AND NOT f.inferred))
  AND ($2::text IS NULL OR c.sido = $2)`;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export type Breakdown = { key: string; customers: number; active: number; spend12m: number }[];

export type Overview = {
  customers: number;
  purchasers: number;
  active: number;
  spend12m: number;
  byCombo: Breakdown;
  byTier: Breakdown;
  byStage: Breakdown;
  byRegion: Breakdown;
  trend: {
    month: string;
    buyers: number;
    newBuyers: number;
    returning: number;
    spend: number;
    spendPerBuyer: number;
  }[];
};

/** Active = bought in the tier window (visits_12m > 0), the list's `active=1`. */
export async function loadOverview(sql: DashboardSql, f: DashboardFilters): Promise<Overview> {
  const [groups, trend] = await Promise.all([
    sql(
      `SELECT GROUPING(m.format_combo, m.tier_code, m.lifecycle_stage, c.sido)::int AS g,
              m.format_combo AS combo, m.tier_code AS tier, m.lifecycle_stage AS stage, c.sido,
              count(*)::int AS customers, count(m.customer_id)::int AS purchasers,
              count(*) FILTER (WHERE m.visits_12m > 0)::int AS active,
              coalesce(sum(m.spend_12m), 0)::float8 AS spend
         FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id
        WHERE ${BASE_WHERE}
        GROUP BY GROUPING SETS ((), (m.format_combo), (m.tier_code), (m.lifecycle_stage), (c.sido))`,
      [f.format, f.sido],
    ),
    loadTrend(sql, f),
  ]);
  // GROUPING bits, first argument highest: combo 8, tier 4, stage 2, sido 1 (a set's own column is 0)
  const pick = (g: number, key: "combo" | "tier" | "stage" | "sido"): Breakdown =>
    groups
      .filter((r) => num(r.g) === g && r[key] !== null)
      .map((r) => ({ key: String(r[key]), customers: num(r.customers), active: num(r.active), spend12m: num(r.spend) }))
      .sort((a, b) => b.customers - a.customers || a.key.localeCompare(b.key));
  const total = groups.find((r) => num(r.g) === 15);
  return {
    customers: num(total?.customers),
    purchasers: num(total?.purchasers),
    active: num(total?.active),
    spend12m: num(total?.spend),
    byCombo: pick(7, "combo"),
    byTier: pick(11, "tier"),
    byStage: pick(13, "stage"),
    byRegion: pick(14, "sido"),
    trend,
  };
}

async function loadTrend(sql: DashboardSql, f: DashboardFilters): Promise<Overview["trend"]> {
  const rows = await sql(
    `SELECT to_char(month, 'YYYY-MM') AS month, sum(buyers)::int AS buyers, sum(new_buyers)::int AS new_buyers,
            sum(spend)::float8 AS spend
       FROM dashboard.customer_month
      WHERE ($1::int IS NULL OR formats & $1 <> 0) AND ($2::text IS NULL OR sido = $2)
        AND month > (SELECT max(month) FROM dashboard.customer_month) - make_interval(months => $3)
      GROUP BY month ORDER BY month`,
    [f.format ? FORMAT_BIT[f.format] : null, f.sido, f.months],
  );
  return rows.map((r) => {
    const buyers = num(r.buyers);
    const spend = num(r.spend);
    return {
      month: String(r.month),
      buyers,
      newBuyers: num(r.new_buyers),
      returning: buyers - num(r.new_buyers),
      spend,
      spendPerBuyer: buyers > 0 ? Math.round(spend / buyers) : 0,
    };
  });
}

export type TierView = {
  distribution: Breakdown;
  /** the latest evaluation day and the held tier the day before it → on it */
  evaluatedOn: string | null;
  migration: { from: string; to: string; customers: number }[];
  upgradeCandidates: { tier: string; customers: number }[];
  downgradeRisks: { tier: string; customers: number }[];
};

/** The held tier on day d: the history row with effective_from ≤ d ≤ effective_to (inclusive, open = null). */
export async function loadTierView(sql: DashboardSql, f: DashboardFilters): Promise<TierView> {
  const [dist, migration, watch] = await Promise.all([
    sql(
      `SELECT m.tier_code AS key, count(*)::int AS customers, count(*) FILTER (WHERE m.visits_12m > 0)::int AS active,
              coalesce(sum(m.spend_12m), 0)::float8 AS spend
         FROM customer c JOIN customer_metrics m ON m.customer_id = c.id
        WHERE ${BASE_WHERE}
        GROUP BY 1`,
      [f.format, f.sido],
    ),
    sql(
      `WITH e AS (SELECT max(effective_from) AS d FROM customer_tier_history)
       SELECT to_char(e.d, 'YYYY-MM-DD') AS evaluated_on, coalesce(a.tier_code, 'NONE') AS from_tier,
              b.tier_code AS to_tier, count(*)::int AS customers
         FROM e
         JOIN customer_tier_history b ON b.effective_from <= e.d AND (b.effective_to IS NULL OR b.effective_to >= e.d)
         JOIN customer c ON c.id = b.customer_id
         LEFT JOIN customer_tier_history a ON a.customer_id = c.id AND a.effective_from <= e.d - 1
              AND (a.effective_to IS NULL OR a.effective_to >= e.d - 1)
        WHERE ${BASE_WHERE}
        GROUP BY 1, 2, 3`,
      [f.format, f.sido],
    ),
    sql(
      `SELECT m.tier_code AS tier, count(*) FILTER (WHERE m.upgrade_tier_code IS NOT NULL)::int AS upgrade,
              count(*) FILTER (WHERE m.downgrade_risk)::int AS downgrade
         FROM customer c JOIN customer_metrics m ON m.customer_id = c.id
        WHERE ${BASE_WHERE}
        GROUP BY 1`,
      [f.format, f.sido],
    ),
  ]);
  return {
    distribution: dist.map((r) => ({
      key: String(r.key),
      customers: num(r.customers),
      active: num(r.active),
      spend12m: num(r.spend),
    })),
    evaluatedOn: str(migration[0]?.evaluated_on),
    migration: migration.map((r) => ({
      from: String(r.from_tier),
      to: String(r.to_tier),
      customers: num(r.customers),
    })),
    upgradeCandidates: watch
      .filter((r) => num(r.upgrade) > 0)
      .map((r) => ({ tier: String(r.tier), customers: num(r.upgrade) })),
    downgradeRisks: watch
      .filter((r) => num(r.downgrade) > 0)
      .map((r) => ({ tier: String(r.tier), customers: num(r.downgrade) })),
  };
}

export type RfmView = {
  grid: { r: number; f: number; customers: number; monetary: number }[];
  groups: { key: string; customers: number; monetary: number }[];
  /** the snapshot month compared with (the latest month before the current refresh's) */
  previousMonth: string | null;
  movement: { from: string; to: string; customers: number }[];
};

/** The previous evaluation as the lifecycle uses it: the latest snapshot month before as_of's month. */
const PREVIOUS_MONTH = `(SELECT max(month) FROM customer_metrics_snapshot
   WHERE month < date_trunc('month', (SELECT max(as_of) FROM customer_metrics)))`;

export async function loadRfmView(sql: DashboardSql, f: DashboardFilters): Promise<RfmView> {
  const [cells, movement] = await Promise.all([
    sql(
      `SELECT GROUPING(m.r_score, m.f_score, m.rfm_segment)::int AS g, m.r_score AS r, m.f_score AS f,
              m.rfm_segment AS segment, count(*)::int AS customers, coalesce(sum(m.monetary), 0)::float8 AS monetary
         FROM customer c JOIN customer_metrics m ON m.customer_id = c.id
        WHERE ${BASE_WHERE} AND m.rfm_segment IS NOT NULL
        GROUP BY GROUPING SETS ((m.r_score, m.f_score), (m.rfm_segment))`,
      [f.format, f.sido],
    ),
    sql(
      `SELECT to_char(s.month, 'YYYY-MM') AS month, s.rfm_segment AS from_segment, m.rfm_segment AS to_segment,
              count(*)::int AS customers
         FROM customer c
         JOIN customer_metrics m ON m.customer_id = c.id
         JOIN customer_metrics_snapshot s ON s.customer_id = c.id AND s.month = ${PREVIOUS_MONTH}
        WHERE ${BASE_WHERE} AND m.rfm_segment IS NOT NULL AND s.rfm_segment IS NOT NULL
        GROUP BY 1, 2, 3`,
      [f.format, f.sido],
    ),
  ]);
  return {
    grid: cells
      .filter((r) => num(r.g) === 1)
      .map((r) => ({ r: num(r.r), f: num(r.f), customers: num(r.customers), monetary: num(r.monetary) })),
    groups: cells
      .filter((r) => num(r.g) === 6)
      .map((r) => ({ key: String(r.segment), customers: num(r.customers), monetary: num(r.monetary) }))
      .sort((a, b) => b.customers - a.customers),
    previousMonth: str(movement[0]?.month),
    movement: movement.map((r) => ({
      from: String(r.from_segment),
      to: String(r.to_segment),
      customers: num(r.customers),
    })),
  };
}

export type CrossFormatView = {
  combos: { key: string; customers: number; spend12m: number; spendPerCustomer: number; visits12m: number }[];
  /** first purchase at `to` on or after `since`, after an earlier purchase at `from` */
  since: string | null;
  gained: { from: string; to: string; customers: number }[];
};

export async function loadCrossFormatView(sql: DashboardSql, f: DashboardFilters): Promise<CrossFormatView> {
  const [combos, gained] = await Promise.all([
    sql(
      `SELECT m.format_combo AS key, count(*)::int AS customers, coalesce(sum(m.spend_12m), 0)::float8 AS spend,
              coalesce(sum(m.visits_12m), 0)::float8 AS visits
         FROM customer c JOIN customer_metrics m ON m.customer_id = c.id
        WHERE ${BASE_WHERE}
        GROUP BY 1`,
      [f.format, f.sido],
    ),
    sql(
      `WITH s AS (SELECT (max(month) - make_interval(months => $3 - 1))::date AS since FROM dashboard.customer_month)
       SELECT to_char(s.since, 'YYYY-MM-DD') AS since, g.from_format, g.to_format, sum(g.customers)::int AS customers
         FROM s JOIN dashboard.format_gained g ON g.month >= s.since
        WHERE ($1::int IS NULL OR g.formats & $1 <> 0) AND ($2::text IS NULL OR g.sido = $2)
        GROUP BY 1, 2, 3`,
      [f.format ? FORMAT_BIT[f.format] : null, f.sido, f.months],
    ),
  ]);
  return {
    combos: combos
      .map((r) => {
        const customers = num(r.customers);
        return {
          key: String(r.key),
          customers,
          spend12m: num(r.spend),
          spendPerCustomer: customers > 0 ? Math.round(num(r.spend) / customers) : 0,
          visits12m: customers > 0 ? Math.round((num(r.visits) / customers) * 10) / 10 : 0,
        };
      })
      .sort((a, b) => b.customers - a.customers),
    since: str(gained[0]?.since),
    gained: gained.map((r) => ({ from: String(r.from_format), to: String(r.to_format), customers: num(r.customers) })),
  };
}

export type DataStatus = {
  quality: {
    day: string;
    customers: number;
    withValidPhone: number;
    withValidEmail: number;
    withConsent: number;
    reviewsOpen: number;
  } | null;
  etl: { lastFinishedAt: string | null; batches7d: number; failed7d: number; rowsIn7d: number; rejected7d: number };
  analytics: { asOf: string | null; finishedAt: string | null };
};

/** The ETL issue's own figures (data_quality_snapshot, etl_batch, analytics_run), unfiltered. */
export async function loadDataStatus(sql: DashboardSql): Promise<DataStatus> {
  const [quality, etl, run] = await Promise.all([
    sql(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, customers, with_valid_phone, with_valid_email, with_consent, reviews_open
         FROM data_quality_snapshot ORDER BY day DESC LIMIT 1`,
      [],
    ),
    sql(
      `SELECT to_char(max(finished_at) AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI') AS last_finished,
              count(*) FILTER (WHERE created_at > now() - interval '7 days')::int AS batches,
              count(*) FILTER (WHERE created_at > now() - interval '7 days' AND status::text IN ('FAILED', 'REFUSED'))::int AS failed,
              coalesce(sum(rows_in) FILTER (WHERE created_at > now() - interval '7 days'), 0)::int AS rows_in,
              coalesce(sum(rejected) FILTER (WHERE created_at > now() - interval '7 days'), 0)::int AS rejected
         FROM etl_batch`,
      [],
    ),
    sql(
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of,
              to_char(finished_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI') AS finished_at
         FROM analytics_run WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
      [],
    ),
  ]);
  const q = quality[0];
  const e = etl[0];
  return {
    quality: q
      ? {
          day: String(q.day),
          customers: num(q.customers),
          withValidPhone: num(q.with_valid_phone),
          withValidEmail: num(q.with_valid_email),
          withConsent: num(q.with_consent),
          reviewsOpen: num(q.reviews_open),
        }
      : null,
    etl: {
      lastFinishedAt: str(e?.last_finished),
      batches7d: num(e?.batches),
      failed7d: num(e?.failed),
      rowsIn7d: num(e?.rows_in),
      rejected7d: num(e?.rejected),
    },
    analytics: { asOf: str(run[0]?.as_of), finishedAt: str(run[0]?.finished_at) },
  };
}

/** After each analytics refresh: the month aggregates read customer_metrics' first purchase, so they follow it. */
export async function refreshDashboardAggregates(sql: DashboardSql): Promise<void> {
  await sql("REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard.customer_month", []);
  await sql("REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard.format_first", []);
  // reads format_first, so after it
  await sql("REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard.format_gained", []);
}
