import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  computeRfmLifecycle,
  dayFromIso,
  loadAnalyticsConfig,
  readBasketCompositions,
  refreshWindows,
  runAnalyticsRefresh,
} from "@dangol/analytics";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createReceipt, seed } from "@dangol/db/seed";
import { createTestDatabase } from "@dangol/db/testing";
import { mineRules } from "@dangol/domain/baskets";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBaskets } from "../analyze/rules.ts";
import { writeBasketFile } from "./analytics-baskets.ts";
import { computeRfmLifecycleSql, countDisagreements } from "./analytics-rfm-sql.ts";

// The agreement check covers every customer, so this file has a warehouse of its own.
const database = await createTestDatabase("dangol_bench_analytics");
const prisma = createPrismaClient(database.url);
const sql = new pg.Client({ connectionString: database.url });
const work = mkdtempSync(join(tmpdir(), "dangol-bench-test-"));

beforeAll(async () => {
  await sql.connect();
  await seed(prisma, { demo: { asOf: new Date("2026-06-01T00:00:00Z") } });
}, 180_000);

afterAll(async () => {
  await sql.end();
  await prisma.$disconnect();
  await database.drop();
  rmSync(work, { recursive: true, force: true });
});

/** Ours (the refresh's code) and the hand-written SQL into two temp tables; their disagreements. */
async function agreement(asOf: string): Promise<{ customers: number; differing: number; published: number }> {
  const config = await loadAnalyticsConfig(sql);
  const w = refreshWindows(dayFromIso(asOf), config);
  const reader = new pg.Client({ connectionString: database.url });
  await reader.connect();
  const tag = asOf.replaceAll("-", "");
  try {
    const ours = await computeRfmLifecycle(reader, sql, { asOf, table: `ours_${tag}` });
    await computeRfmLifecycleSql(sql, `base_${tag}`, config, w);
    return {
      customers: ours.customers,
      differing: await countDisagreements(sql, `ours_${tag}`, `base_${tag}`),
      published: await countDisagreements(sql, "customer_metrics", `base_${tag}`),
    };
  } finally {
    await reader.end();
  }
}

describe("bench analytics: RFM + lifecycle, ours vs hand-written SQL", () => {
  it("agrees on every customer, across months (reactivated included)", async () => {
    await runAnalyticsRefresh({ databaseUrl: database.url, asOf: "2026-04-30", trigger: "test" });
    expect(await agreement("2026-04-30")).toMatchObject({ differing: 0, published: 0 });

    // Someone dormant or churned in April's snapshot buys again in May.
    const { rows } = await sql.query<{ customer_id: string }>(
      "SELECT customer_id FROM customer_metrics WHERE lifecycle_stage IN ('dormant', 'churned') ORDER BY customer_id LIMIT 1",
    );
    let comeback = rows[0]?.customer_id;
    if (!comeback) {
      const c = await createCustomer(prisma);
      comeback = c.id.toString();
      await buy(BigInt(comeback), "2025-01-10");
      await runAnalyticsRefresh({ databaseUrl: database.url, asOf: "2026-04-30", trigger: "test" });
    }
    await buy(BigInt(comeback), "2026-05-15");
    const may = await runAnalyticsRefresh({ databaseUrl: database.url, asOf: "2026-05-20", trigger: "test" });
    const result = await agreement("2026-05-20");
    expect(result).toEqual({ customers: may.counts.customers, differing: 0, published: 0 });
    const stage = await sql.query("SELECT lifecycle_stage FROM customer_metrics WHERE customer_id = $1", [comeback]);
    expect(stage.rows[0]?.lifecycle_stage).toBe("reactivated");
    const { rows: stages } = await sql.query<{ n: number }>(
      "SELECT count(DISTINCT lifecycle_stage)::int AS n FROM customer_metrics",
    );
    expect(stages[0]!.n).toBeGreaterThanOrEqual(3);
  }, 180_000);
});

describe("bench analytics: the basket export", () => {
  it("writes the warehouse baskets so that dangol analyze rules finds the refresh's rules", async () => {
    const config = await loadAnalyticsConfig(sql);
    const w = refreshWindows(dayFromIso("2026-05-20"), config);
    const { compositions, baskets } = await readBasketCompositions(sql, config.baskets, w, "category");
    expect(baskets).toBeGreaterThan(100);
    const file = join(work, "baskets.csv");
    expect(await writeBasketFile(file, compositions)).toBe(baskets);
    const read = await readBaskets(file);
    expect(read).toHaveLength(baskets);
    const fromFile = mineRules(read, config.baskets.thresholds);
    const { rows } = await sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM association_rule WHERE level = 'category'",
    );
    expect(fromFile.length).toBe(rows[0]!.n);

    const sample = join(work, "sample.csv");
    const every = 7;
    expect(await writeBasketFile(sample, compositions, every)).toBe(Math.ceil(baskets / every));
    expect(readFileSync(sample, "utf8").split("\n").length - 1).toBe(Math.ceil(baskets / every));
  }, 60_000);
});

async function buy(customerId: bigint, day: string) {
  const store = await prisma.store.findFirstOrThrow({ orderBy: { id: "asc" } });
  await createReceipt(prisma, {
    storeId: store.id,
    customerId,
    soldAt: new Date(`${day}T03:00:00Z`),
    lines: [{ quantity: 1, unitPrice: 20_000, categoryCode: null }],
  });
}
