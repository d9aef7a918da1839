import { SEGMENT_FACT_WINDOWS } from "@dangol/domain";
import type { ClientBase } from "pg";

/**
 * Each fact table, how it is filled from the receipts up to the watermark and its indexes; filled
 * in index order so the indexes build from sorted input.
 */
const FACTS = [
  {
    table: "category_day",
    columns: "category_code, business_date, customer_id",
    // lines carry level-3 codes; each also counts for its level-2 and level-1 ancestors, so a rule
    // on any level reads one range of the index
    fill: `SELECT DISTINCT a.code, rl.business_date, r.customer_id
             FROM receipt r JOIN receipt_line rl ON rl.receipt_id = r.id
             JOIN category k3 ON k3.code = rl.category_code
             LEFT JOIN category k2 ON k2.code = k3.parent_code
             CROSS JOIN LATERAL (VALUES (k3.code), (k3.parent_code), (k2.parent_code)) AS a (code)
            WHERE r.id <= $1 AND r.type = 'SALE' AND r.customer_id IS NOT NULL AND a.code IS NOT NULL
            ORDER BY 1, 2, 3`,
    params: (watermark: string) => [watermark],
    indexes: { key: "(category_code, business_date, customer_id)" },
  },
  {
    table: "customer_window",
    columns: "window_days, customer_id, spend, visit_days, formats",
    // the compiler's window bounds: sold_at from the first day's Seoul midnight to the day after as-of
    fill: `SELECT w.days, r.customer_id, sum(r.net_amount),
                  count(DISTINCT r.business_date) FILTER (WHERE r.type = 'SALE'),
                  COALESCE(bit_or(CASE r.source_code WHEN 'DPT' THEN 1 WHEN 'MART' THEN 2 WHEN 'SM' THEN 4 END)
                             FILTER (WHERE r.type = 'SALE'), 0)
             FROM unnest($3::int[]) AS w(days)
             JOIN receipt r
               ON r.sold_at >= (($2::date - w.days + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
              AND r.sold_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
            WHERE r.id <= $1 AND r.customer_id IS NOT NULL
            GROUP BY 1, 2
            ORDER BY 1, 2`,
    // the preset windows, each ending on the as-of day (a Seoul business day)
    params: (watermark: string, asOf: string) => [watermark, asOf, SEGMENT_FACT_WINDOWS],
    indexes: {
      spend: "(window_days, spend) INCLUDE (customer_id)",
      visits: "(window_days, visit_days) INCLUDE (customer_id)",
      formats: "(window_days, formats) INCLUDE (customer_id)",
    },
  },
] as const;

/**
 * Rebuilds the segment builder's purchase facts (migration 20261124131500_segment_facts) from
 * every receipt loaded so far, the windows ending on `asOf` (the refresh's day). Each fact table
 * is filled beside the live one, indexed and vacuumed (the visibility map lets the count read
 * the indexes alone), then all are swapped in with the new watermark in one short transaction, so
 * a count reads either the old facts with the old watermark or the new with the new. Call it
 * outside a transaction block (VACUUM).
 */
export async function refreshSegmentFacts(
  client: ClientBase,
  asOf: string,
): Promise<{ receiptWatermark: string; rows: number }> {
  const { rows } = await client.query<{ w: string }>("SELECT coalesce(max(id), 0)::text AS w FROM receipt");
  const receiptWatermark = rows[0]?.w ?? "0";
  let total = 0;
  for (const fact of FACTS) {
    const next = `segment_facts.${fact.table}_next`;
    await client.query(`DROP TABLE IF EXISTS ${next}`);
    await client.query(`CREATE TABLE ${next} (LIKE segment_facts.${fact.table} INCLUDING DEFAULTS)`);
    const filled = await client.query(
      `INSERT INTO ${next} (${fact.columns}) ${fact.fill}`,
      fact.params(receiptWatermark, asOf),
    );
    total += filled.rowCount ?? 0;
    for (const [name, definition] of Object.entries(fact.indexes))
      await client.query(`CREATE INDEX ${fact.table}_next_${name} ON ${next} ${definition}`);
    await client.query(`VACUUM (ANALYZE) ${next}`);
  }
  await client.query("BEGIN");
  try {
    for (const { table, indexes } of FACTS) {
      await client.query(`DROP TABLE segment_facts.${table}`);
      await client.query(`ALTER TABLE segment_facts.${table}_next RENAME TO ${table}`);
      for (const name of Object.keys(indexes))
        await client.query(`ALTER INDEX segment_facts.${table}_next_${name} RENAME TO ${table}_${name}`);
    }
    await client.query(
      `INSERT INTO segment_facts.build (receipt_watermark, as_of, built_at) VALUES ($1, $2, now())
       ON CONFLICT (singleton) DO UPDATE
         SET receipt_watermark = EXCLUDED.receipt_watermark, as_of = EXCLUDED.as_of, built_at = EXCLUDED.built_at`,
      [receiptWatermark, asOf],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  return { receiptWatermark, rows: total };
}
