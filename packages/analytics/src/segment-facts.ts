import type { ClientBase } from "pg";

/** Each fact table and how it is filled from the receipts up to the watermark ($1). */
const FACTS = [
  {
    table: "category_day",
    columns: "category_code, business_date, customer_id",
    // lines carry level-3 codes; ordered so the index builds from sorted input
    fill: `SELECT DISTINCT rl.category_code, rl.business_date, r.customer_id
             FROM receipt r JOIN receipt_line rl ON rl.receipt_id = r.id
            WHERE r.id <= $1 AND r.type = 'SALE' AND r.customer_id IS NOT NULL AND rl.category_code IS NOT NULL
            ORDER BY 1, 2, 3`,
  },
] as const;

/**
 * Rebuilds the segment builder's purchase facts (migration 20261124131500_segment_facts) from
 * every receipt loaded so far. Each fact table is filled beside the live one, indexed and
 * vacuumed (the visibility map lets the count read the index alone), then all are swapped in with
 * the new watermark in one short transaction, so a count reads either the old facts with the old
 * watermark or the new with the new. Call it outside a transaction block (VACUUM).
 */
export async function refreshSegmentFacts(client: ClientBase): Promise<{ receiptWatermark: string; rows: number }> {
  const { rows } = await client.query<{ w: string }>("SELECT coalesce(max(id), 0)::text AS w FROM receipt");
  const receiptWatermark = rows[0]?.w ?? "0";
  let total = 0;
  for (const fact of FACTS) {
    const next = `segment_facts.${fact.table}_next`;
    await client.query(`DROP TABLE IF EXISTS ${next}`);
    await client.query(`CREATE TABLE ${next} (LIKE segment_facts.${fact.table} INCLUDING DEFAULTS)`);
    const filled = await client.query(`INSERT INTO ${next} (${fact.columns}) ${fact.fill}`, [receiptWatermark]);
    total += filled.rowCount ?? 0;
    await client.query(`CREATE INDEX ${fact.table}_next_key ON ${next} (${fact.columns})`);
    await client.query(`VACUUM (ANALYZE) ${next}`);
  }
  await client.query("BEGIN");
  try {
    for (const { table } of FACTS) {
      await client.query(`DROP TABLE segment_facts.${table}`);
      await client.query(`ALTER TABLE segment_facts.${table}_next RENAME TO ${table}`);
      await client.query(`ALTER INDEX segment_facts.${table}_next_key RENAME TO ${table}_key`);
    }
    await client.query(
      `INSERT INTO segment_facts.build (receipt_watermark, built_at) VALUES ($1, now())
       ON CONFLICT (singleton) DO UPDATE SET receipt_watermark = EXCLUDED.receipt_watermark, built_at = EXCLUDED.built_at`,
      [receiptWatermark],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  return { receiptWatermark, rows: total };
}
