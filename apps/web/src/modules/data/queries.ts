import { maskName } from "@dangol/domain";
import { computeDataQuality, type DataQualityFigures, figuresFromRow, seoulToday } from "@dangol/etl/quality";
import { z } from "zod";
import { dataPool } from "./db.ts";

export const BATCH_STATUSES = ["PENDING", "RUNNING", "LOADED", "DUPLICATE_FILE", "REFUSED", "FAILED"] as const;
export const BATCH_SOURCES = ["DPT", "MART", "SM", "HQ"] as const;
export const BATCH_PAGE_SIZE = 25;
export const REJECTED_PAGE_SIZE = 100;

/** The batch list's filters as they arrive in the URL; anything unknown is dropped, not trusted. */
export const batchFilterSchema = z.object({
  division: z.enum(BATCH_SOURCES).optional().catch(undefined),
  status: z.enum(BATCH_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type BatchFilter = z.output<typeof batchFilterSchema>;

export const batchIdSchema = z.string().regex(/^\d{1,18}$/);

const warehouseStats = z.object({ seconds: z.number().optional(), status: z.string().optional() }).loose().catch({});

export type BatchRow = {
  id: string;
  source: string;
  kind: string | null;
  fileName: string;
  sizeBytes: number;
  businessDate: string | null;
  status: (typeof BATCH_STATUSES)[number];
  refusalReason: string | null;
  rowsIn: number;
  loaded: number;
  rejected: number;
  skipped: number;
  findings: Record<string, number>;
  ingestSeconds: number | null;
  warehouseSeconds: number | null;
  warehouseLoadedAt: Date | null;
  startedAt: Date | null;
  createdAt: Date;
};

type RawBatch = {
  id: string;
  source_code: string;
  feed_kind: string | null;
  file_name: string;
  size_bytes: string;
  business_date: string | null;
  status: BatchRow["status"];
  refusal_reason: string | null;
  rows_in: number;
  loaded: number;
  rejected: number;
  skipped: number;
  ingest_seconds: number | null;
  warehouse_stats: unknown;
  warehouse_loaded_at: Date | null;
  started_at: Date | null;
  created_at: Date;
};

const BATCH_COLUMNS = `b.id::text, b.source_code, b.feed_kind, b.file_name, b.size_bytes::text, b.business_date::text,
  b.status::text AS status, b.refusal_reason, b.rows_in, b.loaded, b.rejected, b.skipped,
  extract(epoch FROM b.finished_at - b.started_at)::float8 AS ingest_seconds, b.warehouse_stats,
  b.warehouse_loaded_at, b.started_at, b.created_at`;

function toBatch(r: RawBatch, findings: Record<string, number>): BatchRow {
  const stats = warehouseStats.parse(r.warehouse_stats ?? {});
  return {
    id: r.id,
    source: r.source_code,
    kind: r.feed_kind,
    fileName: r.file_name,
    sizeBytes: Number(r.size_bytes),
    businessDate: r.business_date,
    status: r.status,
    refusalReason: r.refusal_reason,
    rowsIn: r.rows_in,
    loaded: r.loaded,
    rejected: r.rejected,
    skipped: r.skipped,
    findings,
    ingestSeconds: r.ingest_seconds,
    warehouseSeconds: typeof stats.seconds === "number" ? stats.seconds : null,
    warehouseLoadedAt: r.warehouse_loaded_at,
    startedAt: r.started_at,
    createdAt: r.created_at,
  };
}

/** Findings per kind from etl_finding (the ingest's and the load stage's), for the given batches. */
async function findingsOf(ids: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (ids.length === 0) return out;
  const { rows } = await dataPool().query<{ batch_id: string; kind: string; n: number }>(
    `SELECT batch_id::text, kind, count(*)::int AS n FROM etl_finding WHERE batch_id = ANY($1::bigint[])
      GROUP BY batch_id, kind ORDER BY batch_id, kind`,
    [ids],
  );
  for (const r of rows) out.set(r.batch_id, { ...out.get(r.batch_id), [r.kind]: r.n });
  return out;
}

/** Newest batches first, filtered by division and status, one page at a time. */
export async function listBatches(filter: BatchFilter): Promise<{ rows: BatchRow[]; total: number }> {
  const params = [filter.division ?? null, filter.status ?? null];
  const where = `($1::text IS NULL OR b.source_code = $1) AND ($2::text IS NULL OR b.status::text = $2)`;
  const [list, count] = await Promise.all([
    dataPool().query<RawBatch>(
      `SELECT ${BATCH_COLUMNS} FROM etl_batch b WHERE ${where} ORDER BY b.id DESC LIMIT $3 OFFSET $4`,
      [...params, BATCH_PAGE_SIZE, (filter.page - 1) * BATCH_PAGE_SIZE],
    ),
    dataPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM etl_batch b WHERE ${where}`, params),
  ]);
  const findings = await findingsOf(list.rows.map((r) => r.id));
  return { rows: list.rows.map((r) => toBatch(r, findings.get(r.id) ?? {})), total: count.rows[0]?.n ?? 0 };
}

export async function getBatch(id: string): Promise<(BatchRow & { checksum: string }) | null> {
  const { rows } = await dataPool().query<RawBatch & { file_checksum: string }>(
    `SELECT ${BATCH_COLUMNS}, b.file_checksum FROM etl_batch b WHERE b.id = $1::bigint`,
    [batchIdSchema.parse(id)],
  );
  const row = rows[0];
  if (!row) return null;
  const findings = await findingsOf([row.id]);
  return { ...toBatch(row, findings.get(row.id) ?? {}), checksum: row.file_checksum };
}

export type RejectedRow = { lineNo: number; reason: string; raw: string | null };

/** One page of a batch's rejected rows in file order (keyset on line_no: any page is one index range). */
export async function rejectedRows(
  batchId: string,
  afterLine = 0,
  limit = REJECTED_PAGE_SIZE,
): Promise<{ rows: RejectedRow[]; nextAfter: number | null }> {
  const { rows } = await dataPool().query<{ line_no: number; reason: string; raw: string | null }>(
    `SELECT line_no, reason, raw FROM etl_rejected_row WHERE batch_id = $1::bigint AND line_no > $2
      ORDER BY line_no LIMIT $3`,
    [batchIdSchema.parse(batchId), afterLine, limit + 1],
  );
  const page = rows.slice(0, limit).map((r) => ({ lineNo: r.line_no, reason: r.reason, raw: r.raw }));
  return { rows: page, nextAfter: rows.length > limit ? (page.at(-1)?.lineNo ?? null) : null };
}

/** What a reviewer may see of a customer: masked name, birth year, last four phone digits, memberships. */
export type MaskedCustomer = {
  id: string;
  status: string;
  name: string | null;
  birthYear: number | null;
  phoneLast4: string | null;
  memberships: { source: string; memberNo: string }[];
};

export type ReviewRow = {
  id: string;
  reason: string;
  score: number | null;
  evidence: string[];
  createdAt: Date;
  batchId: string | null;
  incoming: { source: string; memberNo: string };
  matched: { source: string; memberNo: string } | null;
  customer: MaskedCustomer;
  candidate: MaskedCustomer;
};

type RawCustomer = {
  id: string;
  status: string;
  name: string | null;
  birth_year: number | null;
  phone_last4: string | null;
};

/** The masking happens here, before anything reaches a component: full names never leave the server. */
async function maskedCustomers(ids: readonly string[]): Promise<Map<string, MaskedCustomer>> {
  const out = new Map<string, MaskedCustomer>();
  if (ids.length === 0) return out;
  const [customers, links] = await Promise.all([
    dataPool().query<RawCustomer>(
      `SELECT id::text, status::text, name, extract(year FROM birth_date)::int AS birth_year, phone_last4
         FROM customer WHERE id = ANY($1::bigint[])`,
      [ids],
    ),
    dataPool().query<{ customer_id: string; source_code: string; member_no: string }>(
      `SELECT customer_id::text, source_code, member_no FROM customer_source_link
        WHERE customer_id = ANY($1::bigint[]) AND withdrawn_at IS NULL ORDER BY source_code, member_no`,
      [ids],
    ),
  ]);
  for (const c of customers.rows) {
    out.set(c.id, {
      id: c.id,
      status: c.status,
      name: c.name ? maskName(c.name) : null,
      birthYear: c.birth_year,
      phoneLast4: c.phone_last4,
      memberships: [],
    });
  }
  for (const l of links.rows)
    out.get(l.customer_id)?.memberships.push({ source: l.source_code, memberNo: l.member_no });
  return out;
}

const unknownCustomer = (id: string): MaskedCustomer => ({
  id,
  status: "?",
  name: null,
  birthYear: null,
  phoneLast4: null,
  memberships: [],
});

/** Open held matches, strongest score first. */
export async function openReviews(limit = 50): Promise<{ rows: ReviewRow[]; total: number }> {
  const [list, count] = await Promise.all([
    dataPool().query<{
      id: string;
      customer_id: string;
      candidate_customer_id: string;
      source_code: string;
      member_no: string;
      matched_source_code: string | null;
      matched_member_no: string | null;
      reason: string;
      score: number | null;
      evidence: string[];
      batch_id: string | null;
      created_at: Date;
    }>(
      `SELECT id::text, customer_id::text, candidate_customer_id::text, source_code, member_no, matched_source_code,
              matched_member_no, reason, score, evidence, batch_id::text, created_at
         FROM identity_review WHERE status = 'OPEN' ORDER BY score DESC NULLS LAST, id LIMIT $1`,
      [limit],
    ),
    dataPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM identity_review WHERE status = 'OPEN'`),
  ]);
  const customers = await maskedCustomers([
    ...new Set(list.rows.flatMap((r) => [r.customer_id, r.candidate_customer_id])),
  ]);
  return {
    total: count.rows[0]?.n ?? 0,
    rows: list.rows.map((r) => ({
      id: r.id,
      reason: r.reason,
      score: r.score,
      evidence: r.evidence ?? [],
      createdAt: r.created_at,
      batchId: r.batch_id,
      incoming: { source: r.source_code, memberNo: r.member_no },
      matched:
        r.matched_source_code && r.matched_member_no
          ? { source: r.matched_source_code, memberNo: r.matched_member_no }
          : null,
      customer: customers.get(r.customer_id) ?? unknownCustomer(r.customer_id),
      candidate: customers.get(r.candidate_customer_id) ?? unknownCustomer(r.candidate_customer_id),
    })),
  };
}

export type MergeRow = {
  id: string;
  survivorId: string;
  mergedId: string;
  survivorName: string | null;
  mergedName: string | null;
  reason: string;
  score: number | null;
  mergedAt: Date;
  mergedBy: string;
  unmergedAt: Date | null;
  unmergedBy: string | null;
};

/** The latest merges (automatic and manual), newest first; names masked like the review queue. */
export async function recentMerges(limit = 20): Promise<MergeRow[]> {
  const { rows } = await dataPool().query<{
    id: string;
    survivor_id: string;
    merged_id: string;
    survivor_name: string | null;
    merged_name: string | null;
    reason: string;
    score: number | null;
    merged_at: Date;
    merged_by: string;
    unmerged_at: Date | null;
    unmerged_by: string | null;
  }>(
    `SELECT m.id::text, m.survivor_id::text, m.merged_id::text, s.name AS survivor_name, g.name AS merged_name,
            m.reason, m.score, m.merged_at, m.merged_by, m.unmerged_at, m.unmerged_by
       FROM customer_merge m
       JOIN customer s ON s.id = m.survivor_id
       JOIN customer g ON g.id = m.merged_id
      ORDER BY m.merged_at DESC, m.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    survivorName: r.survivor_name ? maskName(r.survivor_name) : null,
    mergedName: r.merged_name ? maskName(r.merged_name) : null,
    reason: r.reason,
    score: r.score,
    mergedAt: r.merged_at,
    mergedBy: r.merged_by,
    unmergedAt: r.unmerged_at,
    unmergedBy: r.unmerged_by,
  }));
}

export type QualityPoint = DataQualityFigures & { live: boolean };

/**
 * The recorded days (oldest first, the last `days`), plus today's figures computed now when the
 * nightly snapshot has not been written yet.
 */
export async function qualityHistory(days = 30): Promise<QualityPoint[]> {
  const { rows } = await dataPool().query(
    `SELECT day::text AS day, customers, with_valid_phone, with_valid_email, with_valid_birth, with_consent,
            merges_total, reviews_open, merges_of_day, reviews_of_day, batches, rows_in, rejected_rows, findings,
            findings_by_kind
       FROM (SELECT * FROM data_quality_snapshot ORDER BY day DESC LIMIT $1) s ORDER BY day`,
    [days],
  );
  const recorded: QualityPoint[] = rows.map((r) => ({ ...figuresFromRow(r), live: false }));
  const today = seoulToday();
  if (recorded.at(-1)?.day === today) return recorded;
  return [...recorded, { ...(await liveFigures(today)), live: true }];
}

/** Today's live figures scan every golden customer (~1 s at 50k on a busy machine): reuse them a few minutes. */
const LIVE_TTL_MS = 5 * 60_000;
const live = globalThis as unknown as { dangolLiveQuality?: { day: string; at: number; figures: DataQualityFigures } };

async function liveFigures(day: string): Promise<DataQualityFigures> {
  const cached = live.dangolLiveQuality;
  if (cached && cached.day === day && Date.now() - cached.at < LIVE_TTL_MS) return cached.figures;
  const figures = await computeDataQuality(dataPool(), day);
  live.dangolLiveQuality = { day, at: Date.now(), figures };
  return figures;
}
