/**
 * Data-quality history: one `data_quality_snapshot` row per Seoul day (definitions in
 * docs/etl.md "Data-quality history"). One set-based statement computes the figures; recording
 * upserts them for the day, so calling it again (a retried job, the nightly run after the
 * ETL's own call) replaces the row instead of adding one.
 */
import type pg from "pg";
import { z } from "zod";

/** pg.Pool, a PoolClient or a plain Client: anything that runs one parameterised query. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.ClientBase, "query">;

export const dayString = z.iso.date();

// The same checks as @dangol/domain/cleansing (phone.ts, email.ts), in Postgres' regex dialect, so
// a value that slipped past cleansing (an old import, a manual edit) is not counted valid.
const VALID_PHONE_DIGITS = "^(01[0-9]{8,9}|0[2-6][0-9]{7,9})$";
const EMAIL_ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
const VALID_EMAIL = `^${EMAIL_ATOM}(\\.${EMAIL_ATOM})*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$`;

// $1 day, $2 phone regex, $3 e-mail regex. A Seoul day [00:00, 24:00) is a timestamptz range so
// the merged_at / created_at indexes apply.
const FIGURES_SQL = `
WITH d AS (
  SELECT $1::date AS day,
         ($1::date)::timestamp AT TIME ZONE 'Asia/Seoul' AS day_from,
         ($1::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul' AS day_to,
         (now() AT TIME ZONE 'Asia/Seoul')::date AS today
), consented AS (
  SELECT DISTINCT customer_id FROM customer_consent
), c AS (
  SELECT count(*)::int AS customers,
         count(*) FILTER (WHERE regexp_replace(c.phone, '[^0-9]', '', 'g') ~ $2)::int AS with_valid_phone,
         count(*) FILTER (WHERE length(c.email) <= 254 AND c.email ~ $3)::int AS with_valid_email,
         count(*) FILTER (WHERE c.birth_date >= DATE '1900-01-01' AND c.birth_date <= d.today)::int AS with_valid_birth,
         count(k.customer_id)::int AS with_consent
    FROM customer c
    CROSS JOIN d
    LEFT JOIN consented k ON k.customer_id = c.id
   WHERE c.status = 'ACTIVE'
), m AS (
  SELECT count(*) FILTER (WHERE cm.unmerged_at IS NULL)::int AS merges_total,
         count(*) FILTER (WHERE cm.unmerged_at IS NULL AND cm.merged_at >= d.day_from AND cm.merged_at < d.day_to)::int
           AS merges_of_day
    FROM customer_merge cm CROSS JOIN d
), b AS (
  SELECT eb.id, eb.rows_in, eb.rejected
    FROM etl_batch eb CROSS JOIN d
   WHERE eb.status IN ('LOADED', 'REFUSED')
     AND (eb.business_date = d.day
          OR (eb.business_date IS NULL AND eb.created_at >= d.day_from AND eb.created_at < d.day_to))
), f AS (
  SELECT ef.kind, count(*)::int AS n FROM etl_finding ef WHERE ef.batch_id IN (SELECT id FROM b) GROUP BY ef.kind
)
SELECT d.day::text AS day,
       c.customers, c.with_valid_phone, c.with_valid_email, c.with_valid_birth, c.with_consent,
       m.merges_total,
       (SELECT count(*)::int FROM identity_review WHERE status = 'OPEN') AS reviews_open,
       m.merges_of_day,
       (SELECT count(*)::int FROM identity_review WHERE batch_id IN (SELECT id FROM b)) AS reviews_of_day,
       (SELECT count(*)::int FROM b) AS batches,
       (SELECT coalesce(sum(rows_in), 0)::int FROM b) AS rows_in,
       (SELECT coalesce(sum(rejected), 0)::int FROM b) AS rejected_rows,
       (SELECT coalesce(sum(n), 0)::int FROM f) AS findings,
       (SELECT coalesce(jsonb_object_agg(kind, n ORDER BY kind), '{}'::jsonb) FROM f) AS findings_by_kind
  FROM d, c, m`;

const COLUMNS = [
  "day",
  "customers",
  "with_valid_phone",
  "with_valid_email",
  "with_valid_birth",
  "with_consent",
  "merges_total",
  "reviews_open",
  "merges_of_day",
  "reviews_of_day",
  "batches",
  "rows_in",
  "rejected_rows",
  "findings",
  "findings_by_kind",
] as const;

const RECORD_SQL = `
INSERT INTO data_quality_snapshot (${COLUMNS.join(", ")}, recorded_at)
SELECT ${COLUMNS.map((c) => (c === "day" ? "day::date" : c)).join(", ")}, now() FROM (${FIGURES_SQL}) figures
ON CONFLICT (day) DO UPDATE SET
  ${COLUMNS.filter((c) => c !== "day")
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(",\n  ")},
  recorded_at = EXCLUDED.recorded_at
RETURNING day::text AS day, ${COLUMNS.filter((c) => c !== "day").join(", ")}, recorded_at`;

const count = z.number().int().nonnegative();

/** One day's figures, as the page and the tests read them (counts; shares are count / customers). */
export const dataQualityFiguresSchema = z.object({
  day: dayString,
  customers: count,
  withValidPhone: count,
  withValidEmail: count,
  withValidBirth: count,
  withConsent: count,
  /** merges in effect when recorded */
  mergesTotal: count,
  /** identity reviews still open when recorded */
  reviewsOpen: count,
  /** cumulative duplicates found = mergesTotal + reviewsOpen */
  duplicatesFound: count,
  mergesOfDay: count,
  reviewsOfDay: count,
  batches: count,
  rowsIn: count,
  rejectedRows: count,
  findings: count,
  findingsByKind: z.record(z.string(), count),
});
export type DataQualityFigures = z.output<typeof dataQualityFiguresSchema>;

const rowSchema = z
  .object({
    day: dayString,
    customers: count,
    with_valid_phone: count,
    with_valid_email: count,
    with_valid_birth: count,
    with_consent: count,
    merges_total: count,
    reviews_open: count,
    merges_of_day: count,
    reviews_of_day: count,
    batches: count,
    rows_in: count,
    rejected_rows: count,
    findings: count,
    findings_by_kind: z.record(z.string(), count),
  })
  .transform(
    (r): DataQualityFigures => ({
      day: r.day,
      customers: r.customers,
      withValidPhone: r.with_valid_phone,
      withValidEmail: r.with_valid_email,
      withValidBirth: r.with_valid_birth,
      withConsent: r.with_consent,
      mergesTotal: r.merges_total,
      reviewsOpen: r.reviews_open,
      duplicatesFound: r.merges_total + r.reviews_open,
      mergesOfDay: r.merges_of_day,
      reviewsOfDay: r.reviews_of_day,
      batches: r.batches,
      rowsIn: r.rows_in,
      rejectedRows: r.rejected_rows,
      findings: r.findings,
      findingsByKind: r.findings_by_kind,
    }),
  );

/** A snapshot row (day as YYYY-MM-DD text) → figures; exported for readers of the table. */
export function figuresFromRow(row: unknown): DataQualityFigures {
  return rowSchema.parse(row);
}

/** The figures for `day` (YYYY-MM-DD, Seoul) computed now, without writing anything. */
export async function computeDataQuality(client: Queryable, day: string): Promise<DataQualityFigures> {
  const result = await client.query(FIGURES_SQL, [dayString.parse(day), VALID_PHONE_DIGITS, VALID_EMAIL]);
  return figuresFromRow(result.rows[0]);
}

/**
 * Computes the figures for `day` and upserts them as that day's snapshot; returns what was written.
 * Customer figures are the warehouse's state when called; batch figures are the day's batches.
 */
export async function recordDataQualitySnapshot(client: Queryable, day: string): Promise<DataQualityFigures> {
  const result = await client.query(RECORD_SQL, [dayString.parse(day), VALID_PHONE_DIGITS, VALID_EMAIL]);
  return figuresFromRow(result.rows[0]);
}

/** Today's date in Seoul (YYYY-MM-DD), the day the nightly run records. */
export function seoulToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Seoul",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}
