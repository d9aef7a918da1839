import { createPrismaClient } from "@dangol/db/client";
import { seed } from "@dangol/db/seed";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DashboardSql, loadCrossFormatView, loadOverview } from "./dashboards.ts";
import { runAnalyticsRefresh } from "./refresh.ts";

const databaseUrl = process.env.DATABASE_URL ?? "";
const client = new pg.Client({ connectionString: databaseUrl });
const sql: DashboardSql = (text, values) => client.query(text, values).then((r) => r.rows);
const asOf = "2026-05-20";

beforeAll(async () => {
  await client.connect();
  const prisma = createPrismaClient(databaseUrl);
  try {
    await seed(prisma, { demo: { asOf: new Date("2026-06-01T00:00:00Z") } });
  } finally {
    await prisma.$disconnect();
  }
  // the refresh ends by refreshing the dashboard aggregates
  await runAnalyticsRefresh({ databaseUrl, asOf, trigger: "test" });
}, 180_000);

afterAll(async () => {
  await client.end();
});

it("counts buyers per month from the aggregates as a direct count over the receipts does, under a format filter too", async () => {
  for (const format of [null, "MART"] as const) {
    const overview = await loadOverview(sql, { format, sido: null, months: 24 });
    const { rows } = await client.query<{ month: string; buyers: number; new_buyers: number }>(
      `SELECT to_char(date_trunc('month', r.business_date), 'YYYY-MM') AS month, count(DISTINCT r.customer_id)::int AS buyers,
              count(DISTINCT r.customer_id) FILTER (WHERE date_trunc('month', m.first_purchase_on) = date_trunc('month', r.business_date))::int AS new_buyers
         FROM receipt r JOIN customer c ON c.id = r.customer_id AND c.status = 'ACTIVE'
         LEFT JOIN customer_metrics m ON m.customer_id = c.id
        WHERE r.type = 'SALE' AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM customer_source_link f WHERE f.customer_id = c.id
              AND f.source_code = $1 AND f.withdrawn_at IS NULL AND NOT f.inferred))
          -- the trend's window: 24 calendar months back from the latest month a customer bought in
          -- (other files' imports add sparse old months, so "the last 24 rows" is not the same)
          AND date_trunc('month', r.business_date) > (SELECT max(date_trunc('month', x.business_date)) FROM receipt x
                JOIN customer y ON y.id = x.customer_id AND y.status = 'ACTIVE') - interval '24 months'
        GROUP BY 1 ORDER BY 1`,
      [format],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(overview.trend.map((t) => [t.month, t.buyers, t.newBuyers])).toEqual(
      rows.map((r) => [r.month, r.buyers, r.new_buyers]),
    );
    expect(overview.customers).toBeGreaterThan(0);
    expect(overview.byTier.reduce((sum, t) => sum + t.customers, 0)).toBe(overview.purchasers);
  }
});

it("counts customers gained by one format from another as a direct join of first purchases does", async () => {
  const view = await loadCrossFormatView(sql, { format: null, sido: null, months: 24 });
  const { rows } = await client.query<{ from_format: string; to_format: string; customers: number }>(
    `WITH first AS (SELECT customer_id, source_code AS format, min(business_date) AS first_on FROM receipt
                     WHERE type = 'SALE' AND customer_id IS NOT NULL GROUP BY 1, 2)
     SELECT a.format AS from_format, b.format AS to_format, count(*)::int AS customers
       FROM first b JOIN first a ON a.customer_id = b.customer_id AND a.format <> b.format AND a.first_on < b.first_on
       JOIN customer c ON c.id = b.customer_id AND c.status = 'ACTIVE'
      WHERE b.first_on >= $1::date AND a.format IN ('DPT', 'MART', 'SM') AND b.format IN ('DPT', 'MART', 'SM')
      GROUP BY 1, 2`,
    [view.since],
  );
  expect(rows.length).toBeGreaterThan(0);
  const key = (x: { from: string; to: string; customers: number }) => `${x.from}>${x.to}:${x.customers}`;
  expect(view.gained.map(key).sort()).toEqual(
    rows.map((r) => key({ from: r.from_format, to: r.to_format, customers: r.customers })).sort(),
  );
});
