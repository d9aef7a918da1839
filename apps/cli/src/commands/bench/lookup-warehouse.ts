/**
 * The store-lookup benchmark's warehouse: the demo retailer (stores, tiers, users, customers with
 * receipts, so cards have content) plus `customers` synthetic golden records with membership
 * cards and tiers, inserted set-based. What the lookup's speed depends on is the size of the
 * tables it searches (customer by phone / last four + name, links by card and member number),
 * not how the rows got there, so this takes a minute instead of the ETL's hours; it is kept
 * between runs and rebuilt only when the size asked for differs.
 */

import { createPrismaClient } from "@dangol/db/client";
import { deployMigrations, dropDatabase, withDatabase } from "@dangol/db/migrate";
import { seed } from "@dangol/db/seed";
import { testAdminUrl } from "@dangol/db/testing";
import pg from "pg";

export const LOOKUP_BENCH_DATABASE = "dangol_bench_lookup";

/** Synthetic ids start here, far above the demo retailer's sequence. */
const FIRST_ID = 1_000_000_000;

const FAMILY = [
  "김",
  "이",
  "박",
  "최",
  "정",
  "강",
  "조",
  "윤",
  "장",
  "임",
  "한",
  "오",
  "서",
  "신",
  "권",
  "황",
  "안",
  "송",
  "류",
  "홍",
];
const GIVEN = [
  "민",
  "서",
  "지",
  "현",
  "수",
  "준",
  "영",
  "은",
  "하",
  "도",
  "우",
  "진",
  "예",
  "윤",
  "재",
  "성",
  "소",
  "유",
  "태",
  "경",
];

export interface LookupWarehouse {
  url: string;
  /** seconds spent building it; null when an earlier run's was reused */
  builtSeconds: number | null;
}

async function syntheticCount(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM customer WHERE id >= $1`, [FIRST_ID]);
    return rows[0].n as number;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

export async function ensureLookupWarehouse(customers: number, log: (line: string) => void): Promise<LookupWarehouse> {
  const url = withDatabase(testAdminUrl(), LOOKUP_BENCH_DATABASE);
  if ((await syntheticCount(url)) === customers) {
    await deployMigrations(url);
    return { url, builtSeconds: null };
  }
  const started = performance.now();
  await dropDatabase(url);
  await deployMigrations(url);
  const prisma = createPrismaClient(url);
  try {
    await seed(prisma, { log });
  } finally {
    await prisma.$disconnect();
  }
  log(`synthesising ${customers.toLocaleString("en-US")} customers …`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await synthesise(client, customers);
  } finally {
    await client.end();
  }
  return { url, builtSeconds: (performance.now() - started) / 1000 };
}

/**
 * Phones are 010-XXXX-YYYY with XXXXYYYY = n·48271 mod 10⁸, a bijection on eight digits (48271 is
 * prime to 10⁸), so every synthetic phone is distinct while last-four groups hold ~N/10,000
 * people each — as crowded as a real base. The last four digits fix n mod 10⁴, so names are drawn
 * from n / 10⁴ upwards to spread the family names inside each group. One card per customer in a
 * division, a second membership for every third customer.
 */
async function synthesise(client: pg.Client, customers: number): Promise<void> {
  await client.query(`SET synchronous_commit = off`);
  await client.query(
    `INSERT INTO customer (id, status, name, phone, phone_last4, gender, birth_date, joined_on, sido, sigungu, created_at, updated_at)
     SELECT $1::bigint + n, 'ACTIVE',
            ($3::text[])[1 + (n / 10000) % 20] || ($4::text[])[1 + (n / 200000 + n) % 20] || ($4::text[])[1 + (n / 7) % 20],
            '010-' || substr(p, 1, 4) || '-' || substr(p, 5, 4), substr(p, 5, 4),
            (CASE WHEN n % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END)::gender,
            date '1950-01-01' + (n * 37 % 20000), date '2015-01-01' + (n * 13 % 3900),
            '서울특별시', '성동구', now(), now()
       FROM generate_series(0, $2::int - 1) AS n,
            LATERAL (SELECT lpad(((n::bigint * 48271) % 100000000)::text, 8, '0') AS p) AS phone`,
    [FIRST_ID, customers, FAMILY, GIVEN],
  );
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
  await client.query(`ANALYZE customer`);
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
