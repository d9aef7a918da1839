/**
 * Sales batches: receipts and lines from staging.sale_line, set-based. A receipt already in the
 * warehouse (same division + receipt key) is never loaded again, so corrections and re-runs are
 * idempotent. Points per receipt: DPT repeats the receipt's points on every line, MART sends them
 * per line (summed), SM per receipt.
 */
import type { PoolClient } from "pg";
import { extendIdentityCache, linksToken } from "./members.ts";
import { exec } from "./temp-table.ts";

export interface SalesLoadStats {
  receipts: number;
  lines: number;
  inferredCustomers: number;
  findings: number;
}

export async function loadSales(client: PoolClient, batchId: string): Promise<SalesLoadStats> {
  // The batch's lines in a table of their own, analyzed. staging.sale_line's statistics predate the
  // batch (it is a small share of the table), so the planner took "batch_id = this batch" for one
  // row and joined the batch's lines with themselves and with its receipts by nested loops: at
  // bench scale a daily file of 20k lines cost 15–40 s, growing with the square of the file.
  await client.query(`DROP TABLE IF EXISTS ld_line`);
  await client.query(
    `CREATE TEMP TABLE ld_line ON COMMIT DROP AS SELECT * FROM staging.sale_line WHERE batch_id = $1`,
    [batchId],
  );
  await client.query(`ANALYZE ld_line`);
  await client.query(`DROP TABLE IF EXISTS ld_receipt`);
  await client.query(
    `CREATE TEMP TABLE ld_receipt ON COMMIT DROP AS
     WITH c AS (SELECT receipt_key, array_agg(DISTINCT cp ORDER BY cp) AS coupons
                  FROM ld_line, unnest(coupons) AS cp WHERE cp <> '' GROUP BY receipt_key)
     SELECT s.division, s.receipt_key, min(s.line_no) AS line_no, min(s.store_code) AS store_code, min(s.pos_no) AS pos_no,
            min(s.trx_at) AS trx_at, min(s.trx_type) AS trx_type, min(s.original_receipt_key) AS original_receipt_key,
            nullif(min(s.member_no), '') AS member_no, nullif(min(s.card_no), '') AS card_no,
            sum(s.amount)::int AS net_amount, sum(coalesce(s.discount, 0))::int AS discount_amount,
            max(s.receipt_total)::int AS declared_total,
            (CASE WHEN s.division = 'MART' THEN sum(coalesce(s.line_earn_points, 0)) ELSE max(coalesce(s.receipt_earn_points, 0)) END)::int AS earned,
            (CASE WHEN s.division = 'MART' THEN sum(coalesce(s.line_use_points, 0)) ELSE max(coalesce(s.receipt_use_points, 0)) END)::int AS used,
            count(*)::int AS line_count, coalesce(c.coupons, '{}') AS coupons,
            NULL::bigint AS customer_id, false AS withdrawn, false AS unknown_member, NULL::bigint AS receipt_id
       FROM ld_line s LEFT JOIN c ON c.receipt_key = s.receipt_key
      GROUP BY s.division, s.receipt_key, c.coupons`,
  );
  // A temp table has no statistics: without them the planner guesses and scans every source link
  // (over a million at bench scale) for each batch instead of probing the index per receipt.
  await client.query(`CREATE UNIQUE INDEX ON ld_receipt (division, receipt_key)`);
  await client.query(`ANALYZE ld_receipt`);
  await client.query(
    `DELETE FROM ld_receipt t USING receipt r WHERE r.source_code = t.division AND r.source_receipt_key = t.receipt_key`,
  );
  // Member → customer: by member number, else (SM) by card number; active links before others.
  await client.query(
    `UPDATE ld_receipt t SET customer_id = l.customer_id, withdrawn = l.withdrawn_at IS NOT NULL
       FROM customer_source_link l
      WHERE t.member_no IS NOT NULL AND l.source_code = t.division AND l.member_no = t.member_no`,
  );
  // One index probe per receipt's card (a DISTINCT ON over every carded link sorted all of them
  // for each batch: over a million at bench scale).
  await client.query(
    `UPDATE ld_receipt t SET customer_id = l.customer_id, withdrawn = l.withdrawn_at IS NOT NULL
       FROM ld_receipt r CROSS JOIN LATERAL (
              SELECT customer_id, withdrawn_at FROM customer_source_link
               WHERE source_code = r.division AND card_no = r.card_no
               ORDER BY (withdrawn_at IS NULL) DESC, inferred, id DESC LIMIT 1) l
      WHERE r.division = t.division AND r.receipt_key = t.receipt_key
        AND t.customer_id IS NULL AND NOT t.withdrawn AND t.card_no IS NOT NULL
        AND r.customer_id IS NULL AND NOT r.withdrawn AND r.card_no IS NOT NULL`,
  );
  // A member (or card) never seen: an inferred customer that a later member row completes.
  await client.query(`DROP TABLE IF EXISTS ld_inferred`);
  await client.query(
    `CREATE TEMP TABLE ld_inferred ON COMMIT DROP AS
     SELECT division, member_key, max(card_no) AS card_no, nextval(pg_get_serial_sequence('customer', 'id')) AS customer_id
       FROM (SELECT DISTINCT division, coalesce(member_no, 'card:' || card_no) AS member_key, card_no
               FROM ld_receipt WHERE customer_id IS NULL AND NOT withdrawn AND (member_no IS NOT NULL OR card_no IS NOT NULL)) k
      GROUP BY division, member_key`,
  );
  const inferredCustomers = await exec(
    client,
    `INSERT INTO customer (id, status, updated_at) SELECT customer_id, 'INFERRED', now() FROM ld_inferred`,
  );
  if (inferredCustomers > 0) {
    const tokenBefore = await linksToken(client);
    await client.query(
      `INSERT INTO customer_source_link (source_code, member_no, card_no, customer_id, inferred, updated_at)
       SELECT division, member_key, card_no, customer_id, true, now() FROM ld_inferred`,
    );
    const inferred = await client.query(`SELECT division, member_key, card_no, customer_id::text FROM ld_inferred`);
    await extendIdentityCache(client, tokenBefore, inferred.rows);
  }
  await client.query(
    `UPDATE ld_receipt t SET customer_id = i.customer_id, unknown_member = true
       FROM ld_inferred i WHERE t.customer_id IS NULL AND NOT t.withdrawn AND i.division = t.division
        AND i.member_key = coalesce(t.member_no, 'card:' || t.card_no)`,
  );
  // The new receipts' ids go back to ld_receipt: later statements join by them instead of probing
  // receipt by batch_id, whose statistics do not know this batch either.
  const receipts = await exec(
    client,
    `WITH inserted AS (
     INSERT INTO receipt (source_code, source_receipt_key, store_id, pos_no, customer_id, source_member_no, source_card_no, sold_at,
            business_date, type, original_receipt_key, net_amount, discount_amount, declared_total, points_earned, points_used,
            coupon_codes, line_count, batch_id)
     SELECT t.division, t.receipt_key, s.id, t.pos_no, CASE WHEN t.withdrawn THEN NULL ELSE t.customer_id END,
            CASE WHEN t.withdrawn THEN NULL ELSE t.member_no END, CASE WHEN t.withdrawn THEN NULL ELSE t.card_no END,
            t.trx_at, (t.trx_at AT TIME ZONE 'Asia/Seoul')::date, t.trx_type::receipt_type, t.original_receipt_key,
            t.net_amount, t.discount_amount, t.declared_total, t.earned, t.used, t.coupons, least(t.line_count, 32767), $1
       FROM ld_receipt t JOIN store s ON s.source_code = t.division AND s.code = t.store_code
     ON CONFLICT (source_code, source_receipt_key) DO NOTHING
     RETURNING id, source_code, source_receipt_key)
     UPDATE ld_receipt t SET receipt_id = i.id FROM inserted i
      WHERE i.source_code = t.division AND i.source_receipt_key = t.receipt_key`,
    [batchId],
  );
  const lines = await exec(
    client,
    `INSERT INTO receipt_line (receipt_id, line_no, source_product_code, product_id, category_code, quantity, unit_price, discount,
            amount, points_earned, points_used, sold_at, business_date)
     SELECT DISTINCT ON (t.receipt_id, l.item_line) t.receipt_id, l.item_line, coalesce(l.product_code, ''), p.id,
            p.category_code, l.qty, coalesce(l.unit_price, 0), coalesce(l.discount, 0), l.amount,
            CASE WHEN l.division = 'MART' THEN l.line_earn_points END, CASE WHEN l.division = 'MART' THEN l.line_use_points END,
            t.trx_at, (t.trx_at AT TIME ZONE 'Asia/Seoul')::date
       FROM ld_line l
       JOIN ld_receipt t ON t.division = l.division AND t.receipt_key = l.receipt_key AND t.receipt_id IS NOT NULL
       LEFT JOIN product p ON p.source_code = l.division AND p.code = l.product_code
      ORDER BY t.receipt_id, l.item_line, l.line_no
     ON CONFLICT (receipt_id, line_no) DO NOTHING`,
  );
  // Returns find their original sale (in this batch, earlier ones, or a late original of an earlier return).
  await client.query(
    `UPDATE receipt r SET original_receipt_id = o.id FROM receipt o
      WHERE r.batch_id = $1 AND r.type = 'RETURN' AND r.original_receipt_id IS NULL
        AND o.source_code = r.source_code AND o.source_receipt_key = r.original_receipt_key`,
    [batchId],
  );
  await client.query(
    `UPDATE receipt r SET original_receipt_id = o.id FROM receipt o
      WHERE o.batch_id = $1 AND r.type = 'RETURN' AND r.original_receipt_id IS NULL
        AND r.source_code = o.source_code AND r.original_receipt_key = o.source_receipt_key`,
    [batchId],
  );
  const findings = await exec(
    client,
    `INSERT INTO etl_finding (batch_id, line_no, kind, field, raw_value, source_key)
     SELECT $1, t.line_no, f.kind, f.field, f.raw, t.receipt_key
       FROM ld_receipt t JOIN receipt r ON r.id = t.receipt_id
       CROSS JOIN LATERAL (VALUES
         ('unknown_member', 'member_no', coalesce(t.member_no, t.card_no), t.unknown_member),
         ('sale_after_withdrawal', 'member_no', NULL, t.withdrawn),
         ('return_original_missing', 'original_receipt_key', t.original_receipt_key,
            t.trx_type = 'RETURN' AND r.original_receipt_id IS NULL)) AS f(kind, field, raw, hit)
      WHERE f.hit
        AND NOT EXISTS (SELECT 1 FROM etl_finding e WHERE e.batch_id = $1 AND e.line_no = t.line_no AND e.kind = f.kind)`,
    [batchId],
  );
  return { receipts, lines, inferredCustomers, findings };
}
