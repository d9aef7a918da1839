/**
 * `dangol bench analytics --synthetic N`: the bench scale's two years of sales (≈20M lines at 1M
 * customers) as a synthetic warehouse (synthetic-base.ts), because the ETL cannot load that much
 * on a development machine in reasonable time. Every customer keeps a rhythm of their own (a gap of
 * 20–79 days, a home division with some visits elsewhere, 1–5 lines per receipt over their
 * division's products), so recency, frequency, cycles, lifecycle stages and baskets all vary.
 */
import type pg from "pg";
import { ensureSyntheticDatabase, FIRST_ID, type SyntheticDatabase } from "./synthetic-base.ts";

export const SYNTHETIC_ANALYTICS_DATABASE = "dangol_bench_synthetic";
const DAYS = 730;

/** `name`: another base of the same shape, e.g. the 50k demo-scale one of the dashboards bench. */
export function ensureSyntheticAnalyticsWarehouse(
  customers: number,
  log: (line: string) => void,
  name: string = SYNTHETIC_ANALYTICS_DATABASE,
): Promise<SyntheticDatabase> {
  return ensureSyntheticDatabase(name, customers, log, async (client) => {
    log("synthesising two years of receipts …");
    await addReceipts(client);
    log("synthesising their lines …");
    await addLines(client);
  });
}

/**
 * 0–13 receipts per customer (6.5 on average), every gap days back from a personal last visit; the
 * last day is yesterday, like the demo retailer's sales, so both fall in the refresh's windows.
 */
async function addReceipts(client: pg.Client): Promise<void> {
  await client.query(
    `WITH s AS (SELECT source_code, array_agg(id ORDER BY id) AS ids FROM store GROUP BY source_code),
          d AS (SELECT array['DPT', 'MART', 'SM'] AS codes)
     INSERT INTO receipt (source_code, source_receipt_key, store_id, customer_id, sold_at, business_date, type,
            net_amount, line_count)
     SELECT div, 'SYN-' || c.id || '-' || k, st.ids[1 + (c.id + k) % cardinality(st.ids)], c.id,
            ((day + time '10:00' + ((c.id + k) % 10) * interval '1 hour') AT TIME ZONE 'Asia/Seoul'), day, 'SALE',
            (SELECT sum(1000 * (5 + (c.id * 31 + k * 7 + l * 17) % 60)) FROM generate_series(1, lines) AS l), lines
       FROM customer c CROSS JOIN d,
            generate_series(1, (c.id % 14)::int) AS k,
            LATERAL (SELECT current_date - 1 - (((c.id % 90) + (k - 1) * (20 + c.id % 60)) % ${DAYS})::int AS day,
                            1 + ((c.id * 7 + k) % 5)::int AS lines,
                            -- one visit in five goes to another division than the customer's home
                            d.codes[1 + ((c.id % 3) + (CASE WHEN (c.id + k) % 5 = 0 THEN 1 + k % 2 ELSE 0 END)) % 3] AS div) AS v
       JOIN s st ON st.source_code = v.div
      WHERE c.id >= $1`,
    [FIRST_ID],
  );
  await client.query(`ANALYZE receipt`);
}

async function addLines(client: pg.Client): Promise<void> {
  await client.query(
    `WITH p AS (SELECT source_code, array_agg(id ORDER BY id) AS ids, array_agg(code ORDER BY id) AS codes,
                       array_agg(category_code ORDER BY id) AS categories
                  FROM product GROUP BY source_code)
     INSERT INTO receipt_line (receipt_id, line_no, source_product_code, product_id, category_code, quantity, unit_price,
            amount, sold_at, business_date)
     SELECT r.id, l, p.codes[i], p.ids[i], p.categories[i], 1, a, a, r.sold_at, r.business_date
       FROM receipt r JOIN p ON p.source_code = r.source_code,
            generate_series(1, r.line_count) AS l,
            LATERAL (SELECT 1 + ((r.customer_id * 3 + l * 11 + r.id % 7) % cardinality(p.ids))::int AS i,
                            1000 * (5 + (r.customer_id * 31 + split_part(r.source_receipt_key, '-', 3)::int * 7 + l * 17) % 60) AS a) AS x
      WHERE r.customer_id >= $1`,
    [FIRST_ID],
  );
  await client.query(`ANALYZE receipt_line`);
}
