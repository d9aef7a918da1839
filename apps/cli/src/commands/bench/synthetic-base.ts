/**
 * Synthetic bench databases: the demo retailer (stores, products, categories, tiers, users) plus
 * `customers` golden records inserted set-based, and whatever a benchmark adds on top (`fill`).
 * What the measured code's speed depends on is the size and shape of the tables, not how the rows
 * got there, so a million customers take a minute instead of the ETL's hours. A database is kept
 * between runs and rebuilt only when the size asked for differs.
 */
import { createPrismaClient } from "@dangol/db/client";
import { deployMigrations, dropDatabase, withDatabase } from "@dangol/db/migrate";
import { seed } from "@dangol/db/seed";
import { testAdminUrl } from "@dangol/db/testing";
import pg from "pg";

/** Synthetic ids start here, far above the demo retailer's sequence. */
export const FIRST_ID = 1_000_000_000;

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

export interface SyntheticDatabase {
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

export async function ensureSyntheticDatabase(
  name: string,
  customers: number,
  log: (line: string) => void,
  fill: (client: pg.Client) => Promise<void>,
): Promise<SyntheticDatabase> {
  const url = withDatabase(testAdminUrl(), name);
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
    await client.query(`SET synchronous_commit = off`);
    await insertCustomers(client, customers);
    await fill(client);
  } finally {
    await client.end();
  }
  return { url, builtSeconds: (performance.now() - started) / 1000 };
}

/**
 * Phones are 010-XXXX-YYYY with XXXXYYYY = n·48271 mod 10⁸, a bijection on eight digits (48271 is
 * prime to 10⁸), so every synthetic phone is distinct while last-four groups hold ~N/10,000
 * people each — as crowded as a real base. The last four digits fix n mod 10⁴, so names are drawn
 * from n / 10⁴ upwards to spread the family names inside each group.
 */
async function insertCustomers(client: pg.Client, customers: number): Promise<void> {
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
  await client.query(`ANALYZE customer`);
}
