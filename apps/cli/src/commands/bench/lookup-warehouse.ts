/**
 * The store-lookup benchmark's warehouse (synthetic-base.ts): the demo retailer plus `customers`
 * synthetic customers with membership cards and tiers — what the lookup searches and shows.
 */
import pg from "pg";
import { ensureSyntheticDatabase, FIRST_ID, type SyntheticDatabase } from "./synthetic-base.ts";

export const LOOKUP_BENCH_DATABASE = "dangol_bench_lookup";

export function ensureLookupWarehouse(customers: number, log: (line: string) => void): Promise<SyntheticDatabase> {
  return ensureSyntheticDatabase(LOOKUP_BENCH_DATABASE, customers, log, addCardsAndTiers);
}

/** One card per customer in a division, a second membership for every third customer. */
async function addCardsAndTiers(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO customer_source_link (source_code, member_no, card_no, customer_id, name, phone, source_changed_at, updated_at)
     SELECT d.code, d.code || '-B' || lpad(c.id::text, 12, '0'), d.card || lpad((c.id - $1)::text, 12, '0'),
            c.id, c.name, c.phone, now(), now()
       FROM customer c
       JOIN LATERAL (VALUES ('DPT', '9410', 0), ('MART', '9420', 1), ('SM', '9430', 2)) AS d(code, card, k)
         ON d.k = (c.id - $1) % 3 OR (d.k = ((c.id - $1) + 1) % 3 AND (c.id - $1) % 3 = 0)
      WHERE c.id >= $1`,
    [FIRST_ID],
  );
  // Tiers and spend as the analytics refresh would publish them, so result lists show a tier.
  await client.query(
    `WITH t AS (SELECT array_agg(code ORDER BY rank) AS codes FROM tier)
     INSERT INTO customer_metrics (customer_id, as_of, first_purchase_on, last_purchase_on, purchase_days, recency_days,
            frequency, monetary, lifecycle_stage, tier_code, spend_12m, visits_12m, format_combo, computed_at)
     SELECT c.id, current_date, current_date - 400, current_date - (c.id % 90)::int, 1 + (c.id % 40)::int, (c.id % 90)::int,
            1 + (c.id % 40)::int, (c.id % 97) * 31000, 'active', t.codes[1 + c.id % cardinality(t.codes)],
            (c.id % 97) * 31000, 1 + (c.id % 40)::int, 'MART', now()
       FROM customer c CROSS JOIN t
      WHERE c.id >= $1`,
    [FIRST_ID],
  );
  await client.query(`ANALYZE customer_source_link`);
  await client.query(`ANALYZE customer_metrics`);
}

/** A sample of synthetic customers to search for: by full phone, by last four + name, by card. */
export async function lookupTargets(
  url: string,
  count: number,
): Promise<{ id: string; name: string; phone: string; last4: string; card: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT c.id::text, c.name, c.phone, c.phone_last4 AS last4, min(l.card_no) AS card
         FROM customer c JOIN customer_source_link l ON l.customer_id = c.id
        WHERE c.id >= $1 AND (c.id - $1) % greatest(1, (SELECT count(*) FROM customer WHERE id >= $1) / $2) = 0
        GROUP BY c.id ORDER BY c.id LIMIT $2`,
      [FIRST_ID, count],
    );
    return rows;
  } finally {
    await client.end();
  }
}
