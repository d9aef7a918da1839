import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeDataQuality, recordDataQualitySnapshot } from "./snapshot.ts";

// The figures count whole tables (customers, merges, reviews), so this file has a database of its own.
const database = await createTestDatabase("dangol_quality");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const DAY = "2025-06-02";

async function customer(fields: { phone?: string; email?: string; birth?: string; status?: string }): Promise<string> {
  const phone = fields.phone ?? null;
  const last4 = phone ? phone.replace(/\D/g, "").slice(-4) : null;
  const { rows } = await pool.query(
    `INSERT INTO customer (status, name, phone, phone_last4, email, birth_date, updated_at)
     VALUES ($1::customer_status, '홍길동', $2, $3, $4, $5::date, now()) RETURNING id::text`,
    [fields.status ?? "ACTIVE", phone, last4, fields.email ?? null, fields.birth ?? null],
  );
  return rows[0].id;
}

async function batch(fields: { business: string | null; status?: string; rowsIn: number; rejected: number }) {
  const status = fields.status ?? "LOADED";
  const { rows } = await pool.query(
    `INSERT INTO etl_batch (source_code, feed_kind, file_name, file_checksum, size_bytes, business_date, status,
                            refusal_reason, rows_in, loaded, rejected, skipped, created_at)
     VALUES ('MART', 'member', 'f-' || gen_random_uuid(), repeat('a', 64), 100, $1::date, $2::text::etl_batch_status,
             CASE WHEN $2::text = 'REFUSED' THEN 'checksum' END, $3::int, $3::int - $4::int, $4::int, 0,
             '2025-06-02 10:00:00+09') RETURNING id::text`,
    [fields.business, status, fields.rowsIn, fields.rejected],
  );
  return rows[0].id as string;
}

beforeAll(async () => {
  // Active customers (five here, plus the one whose merge is undone below): phones, e-mails, birth dates, consent.
  const a = await customer({ phone: "010-1234-5678", email: "a@example.com", birth: "1980-01-02" });
  const b = await customer({ phone: "02-123-4567", email: "b@example.co.kr", birth: "1899-12-31" });
  const c = await customer({ phone: "123-4567", email: "not-an-email", birth: "1990-05-05" });
  const d = await customer({});
  const e = await customer({ phone: "010-9999-0000" });
  // Not counted: withdrawn, inferred and merged customers.
  await customer({ status: "WITHDRAWN" });
  await customer({ status: "INFERRED", phone: "010-2222-3333" });
  for (const id of [a, b]) {
    await pool.query(
      `INSERT INTO customer_consent (customer_id, channel, granted, changed_at, source, updated_at)
       VALUES ($1, 'SMS', true, now(), 'MART', now()), ($1, 'EMAIL', false, now(), 'MART', now())`,
      [id],
    );
  }
  // Merges: one that day, one earlier, one undone.
  const merged = [await customer({}), await customer({}), await customer({})];
  const merge = (survivor: string, mergedId: string, at: string, undone: boolean) =>
    pool.query(
      `INSERT INTO customer_merge (survivor_id, merged_id, reason, matched_keys, snapshot, merged_at, merged_by,
                                   unmerged_at, unmerged_by)
       VALUES ($1, $2, 'ci', '{}', '{}', $3::timestamptz, 'etl:identity', $4::timestamptz, $5)`,
      [survivor, mergedId, at, undone ? "2025-06-03 12:00:00+09" : null, undone ? "crm@dangol.local" : null],
    );
  await merge(a, merged[0] as string, "2025-06-02 00:30:00+09", false); // 1 June 15:30 UTC: Seoul's 2 June
  await merge(b, merged[1] as string, "2025-06-01 23:59:00+09", false);
  await merge(c, merged[2] as string, "2025-06-02 09:00:00+09", true);
  await pool.query(`UPDATE customer SET status = 'MERGED', merged_into_id = $2 WHERE id = $1`, [merged[0], a]);
  await pool.query(`UPDATE customer SET status = 'MERGED', merged_into_id = $2 WHERE id = $1`, [merged[1], b]);
  // Batches of the day (two loaded, one refused, one master without business day run that day),
  // one of another day and one still running.
  const b1 = await batch({ business: DAY, rowsIn: 100, rejected: 3 });
  const b2 = await batch({ business: DAY, rowsIn: 50, rejected: 0 });
  await batch({ business: DAY, status: "REFUSED", rowsIn: 7, rejected: 7 });
  await batch({ business: null, rowsIn: 10, rejected: 1 });
  const other = await batch({ business: "2025-06-01", rowsIn: 999, rejected: 9 });
  await pool.query(
    `INSERT INTO etl_batch (source_code, file_name, file_checksum, size_bytes, business_date, status)
     VALUES ('SM', 'running', repeat('b', 64), 1, $1::date, 'RUNNING')`,
    [DAY],
  );
  await pool.query(
    `INSERT INTO etl_finding (batch_id, line_no, kind) VALUES
       ($1, 2, 'invalid_email'), ($1, 3, 'invalid_email'), ($2, 4, 'invalid_phone'), ($3, 5, 'invalid_phone')`,
    [b1, b2, other],
  );
  // Reviews: two open (one raised by a batch of the day), one decided.
  await pool.query(
    `INSERT INTO identity_review (customer_id, candidate_customer_id, source_code, member_no, reason, score,
                                  evidence, batch_id, status)
     VALUES ($1, $2, 'MART', '0000000001', 'score_band', 0.9, '{}', $4, 'OPEN'),
            ($2, $3, 'MART', '0000000002', 'score_band', 0.9, '{}', $5, 'OPEN'),
            ($1, $3, 'MART', '0000000003', 'score_band', 0.9, '{}', $4, 'REJECTED')`,
    [a, d, e, b1, other],
  );
});

describe("recordDataQualitySnapshot", () => {
  it("counts active golden customers' valid fields, duplicates and the day's batches", async () => {
    const figures = await recordDataQualitySnapshot(pool, DAY);
    expect(figures).toEqual({
      day: DAY,
      customers: 6,
      withValidPhone: 3,
      withValidEmail: 2,
      withValidBirth: 2,
      withConsent: 2,
      mergesTotal: 2,
      reviewsOpen: 2,
      duplicatesFound: 4,
      mergesOfDay: 1,
      reviewsOfDay: 2,
      batches: 4,
      rowsIn: 167,
      rejectedRows: 11,
      findings: 3,
      findingsByKind: { invalid_email: 2, invalid_phone: 1 },
    });
  });

  it("is idempotent for the day and replaces the row with the current state", async () => {
    const first = await recordDataQualitySnapshot(pool, DAY);
    expect(await recordDataQualitySnapshot(pool, DAY)).toEqual(first);
    await pool.query(`UPDATE identity_review SET status = 'MERGED' WHERE member_no = '0000000001'`);
    const after = await recordDataQualitySnapshot(pool, DAY);
    expect(after.reviewsOpen).toBe(first.reviewsOpen - 1);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n, max(reviews_open) AS open FROM data_quality_snapshot WHERE day = $1`,
      [DAY],
    );
    expect(rows[0]).toEqual({ n: 1, open: after.reviewsOpen });
  });

  it("computes without writing, and a day without batches has zero batch figures", async () => {
    const figures = await computeDataQuality(pool, "2025-07-01");
    expect(figures).toMatchObject({ day: "2025-07-01", customers: 6, batches: 0, rowsIn: 0, findingsByKind: {} });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM data_quality_snapshot WHERE day = '2025-07-01'`);
    expect(rows[0].n).toBe(0);
  });

  it("refuses a day that is not YYYY-MM-DD", async () => {
    await expect(recordDataQualitySnapshot(pool, "2025-6-2")).rejects.toThrow();
  });
});
