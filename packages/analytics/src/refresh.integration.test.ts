import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt, seed } from "@dangol/db/seed";
import { tierRulesSchema } from "@dangol/domain/tiers";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAnalyticsConfig } from "./config.ts";
import { runAnalyticsRefresh } from "./refresh.ts";

const databaseUrl = process.env.DATABASE_URL ?? "";
const prisma = createPrismaClient(databaseUrl);
const sql = new pg.Client({ connectionString: databaseUrl });

/** A sale at noon Seoul on `day`. */
const buy = (storeId: number, customerId: bigint, day: string, amount: number) =>
  createReceipt(prisma, {
    storeId,
    customerId,
    soldAt: new Date(`${day}T03:00:00Z`),
    lines: [{ quantity: 1, unitPrice: amount, categoryCode: null }],
  });

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const metricsOf = async (customerId: bigint) =>
  (
    await sql.query(
      "SELECT tier_code, lifecycle_stage, spend_12m::int AS spend, visits_12m AS visits, median_interval_days AS median FROM customer_metrics WHERE customer_id = $1",
      [String(customerId)],
    )
  ).rows[0];

const TEST_RULES = tierRulesSchema.parse({
  evaluationDay: 1,
  tiers: [
    { code: "VVIP", name: "VVIP", minSpend: 8_000_000, minVisits: 15 },
    { code: "VIP", name: "VIP", minSpend: 5_000_000, minVisits: 10 },
    { code: "GOLD", name: "골드", minSpend: 2_000_000, minVisits: 6 },
    { code: "SILVER", name: "실버", minSpend: 500_000, minVisits: 3 },
    { code: "FAMILY", name: "패밀리", minSpend: 0, minVisits: 0 },
  ],
});

beforeAll(async () => {
  await sql.connect();
  await seed(prisma, { demo: { asOf: new Date("2026-06-01T00:00:00Z") } });
  await saveAnalyticsConfig(sql, "tiers", TEST_RULES, "test");
}, 120_000);

afterAll(async () => {
  await sql.end();
  await prisma.$disconnect();
});

describe("analytics refresh on the demo retailer", () => {
  const asOf = "2026-05-20";

  it("writes one metrics row per customer with a sale, and RFM equal to SQL's NTILE(5)", async () => {
    const result = await runAnalyticsRefresh({ databaseUrl, asOf, trigger: "test" });
    const { rows: expected } = await sql.query<{ n: number }>(
      `SELECT count(DISTINCT r.customer_id)::int AS n FROM receipt r JOIN customer c ON c.id = r.customer_id
        WHERE r.type = 'SALE' AND c.status <> 'MERGED' AND r.business_date <= $1::date`,
      [asOf],
    );
    const { rows: written } = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM customer_metrics");
    expect(expected[0]!.n).toBeGreaterThan(100);
    expect(written[0]!.n).toBe(expected[0]!.n);
    expect(result.counts.metrics).toBe(expected[0]!.n);

    // The RFM window is the 12 months ending asOf; R orders by recency worst first.
    const { rows: mismatches } = await sql.query(
      `WITH base AS (
         SELECT r.customer_id,
                $1::date - max(r.business_date) FILTER (WHERE r.type = 'SALE') AS recency,
                count(*) FILTER (WHERE r.type = 'SALE') AS frequency,
                sum(r.net_amount) AS monetary
           FROM receipt r JOIN customer c ON c.id = r.customer_id
          WHERE c.status <> 'MERGED' AND r.business_date > ($1::date - interval '12 months')::date
            AND r.business_date <= $1::date
          GROUP BY 1 HAVING count(*) FILTER (WHERE r.type = 'SALE') > 0
       ), scored AS (
         SELECT customer_id,
                NTILE(5) OVER (ORDER BY recency DESC, customer_id) AS r,
                NTILE(5) OVER (ORDER BY frequency, customer_id) AS f,
                NTILE(5) OVER (ORDER BY monetary, customer_id) AS m
           FROM base
       )
       SELECT s.customer_id, s.r, s.f, s.m, cm.r_score, cm.f_score, cm.m_score
         FROM scored s FULL JOIN (SELECT * FROM customer_metrics WHERE r_score IS NOT NULL) cm USING (customer_id)
        WHERE (s.r, s.f, s.m) IS DISTINCT FROM (cm.r_score, cm.f_score, cm.m_score)`,
      [asOf],
    );
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("records the run, its model fits and category rules", async () => {
    const { rows: runs } = await sql.query(
      "SELECT id, status, progress, step, step_durations FROM analytics_run ORDER BY id DESC LIMIT 1",
    );
    expect(runs[0]).toMatchObject({ status: "succeeded", progress: 100, step: "publish" });
    expect(Object.keys(runs[0].step_durations)).toContain("fit");
    // Other files' refreshes share this database: only this run's fits.
    const { rows: fits } = await sql.query("SELECT kind, calibration FROM model_fit WHERE run_id = $1 ORDER BY kind", [
      runs[0].id,
    ]);
    expect(fits.map((f) => f.kind)).toEqual(["bgnbd", "gammagamma"]);
    expect(fits[0].calibration.actual).toBeGreaterThan(0);
    const { rows: rules } = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM association_rule");
    expect(rules[0]!.n).toBeGreaterThan(0);
  });

  it("is idempotent: a second run leaves the same figures", async () => {
    const columns =
      "customer_id, tier_code, lifecycle_stage, rfm_cell, spend_12m, due_now, next_purchase_due, clv_12m::numeric(20,4)";
    const before = (await sql.query(`SELECT ${columns} FROM customer_metrics ORDER BY customer_id`)).rows;
    const cycles = (await sql.query("SELECT * FROM customer_category_cycle ORDER BY 1, 2")).rows;
    const history = (await sql.query("SELECT count(*)::int AS n FROM customer_tier_history")).rows;
    await runAnalyticsRefresh({ databaseUrl, asOf, trigger: "test" });
    expect((await sql.query(`SELECT ${columns} FROM customer_metrics ORDER BY customer_id`)).rows).toEqual(before);
    expect((await sql.query("SELECT * FROM customer_category_cycle ORDER BY 1, 2")).rows).toEqual(cycles);
    expect((await sql.query("SELECT count(*)::int AS n FROM customer_tier_history")).rows).toEqual(history);
  }, 60_000);
});

describe("hand-made customers", () => {
  let storeId: number;
  beforeAll(async () => {
    storeId = (await createDemoStore(prisma, { sourceCode: "DPT" })).id;
  });

  it("evaluates the tier by the rules and writes a history row on the evaluation day, once", async () => {
    const customer = await createCustomer(prisma);
    // 16 visits of ₩550,000 = ₩8,800,000 in the window → VVIP (₩8M and 15 visits).
    for (let k = 0; k < 16; k++) await buy(storeId, customer.id, addDays("2025-09-01", k * 14), 550_000);
    // A customer with the spend but 9 visits stays GOLD (VIP wants 10).
    const fewVisits = await createCustomer(prisma);
    for (let k = 0; k < 9; k++) await buy(storeId, fewVisits.id, addDays("2025-09-01", k * 20), 1_000_000);

    // asOf + 1 = 2026-06-01 is an evaluation day.
    const result = await runAnalyticsRefresh({ databaseUrl, asOf: "2026-05-31", trigger: "test" });
    expect(await metricsOf(customer.id)).toMatchObject({ tier_code: "VVIP", spend: 8_800_000, visits: 16 });
    expect(await metricsOf(fewVisits.id)).toMatchObject({ tier_code: "GOLD", spend: 9_000_000, visits: 9 });
    expect(result.counts.tierChanges).toBeGreaterThan(0);

    const history = async () =>
      (
        await sql.query(
          "SELECT tier_code, to_char(effective_from, 'YYYY-MM-DD') AS from, effective_to FROM customer_tier_history WHERE customer_id = $1",
          [customer.id],
        )
      ).rows;
    expect(await history()).toEqual([{ tier_code: "VVIP", from: "2026-06-01", effective_to: null }]);
    const again = await runAnalyticsRefresh({ databaseUrl, asOf: "2026-05-31", trigger: "test" });
    expect(again.counts.tierChanges).toBe(0);
    expect(await history()).toHaveLength(1);
  }, 60_000);

  it("sets lifecycle stages from each customer's own rhythm", async () => {
    const asOf = "2026-04-30";
    const weekly = async (last: string, count: number) => {
      const c = await createCustomer(prisma);
      for (let k = count - 1; k >= 0; k--) await buy(storeId, c.id, addDays(last, -7 * k), 30_000);
      return c.id;
    };
    const active = await weekly(addDays(asOf, -10), 10); // 10 ≤ 2 × 7 = 14 … floor 7 → at risk past 14
    const atRisk = await weekly(addDays(asOf, -20), 10); // 14 < 20 ≤ 28
    const dormant = await weekly(addDays(asOf, -40), 10); // 28 < 40 ≤ 56
    const churned = await weekly(addDays(asOf, -60), 10); // > 56
    const twoVisits = await createCustomer(prisma);
    await buy(storeId, twoVisits.id, addDays(asOf, -200), 10_000);
    await buy(storeId, twoVisits.id, addDays(asOf, -100), 10_000); // fixed: 90 < 100 ≤ 180 → at risk
    const fresh = await createCustomer(prisma);
    await buy(storeId, fresh.id, addDays(asOf, -10), 10_000);

    await runAnalyticsRefresh({ databaseUrl, asOf, trigger: "test" });
    const stage = async (id: bigint) => (await metricsOf(id)).lifecycle_stage;
    expect(await stage(active)).toBe("active");
    expect((await metricsOf(active)).median).toBe(7);
    expect(await stage(atRisk)).toBe("at_risk");
    expect(await stage(dormant)).toBe("dormant");
    expect(await stage(churned)).toBe("churned");
    expect(await stage(twoVisits.id)).toBe("at_risk");
    expect(await stage(fresh.id)).toBe("new");

    // The dormant customer comes back in May: last month's snapshot says dormant → reactivated.
    await buy(storeId, dormant, "2026-05-18", 30_000);
    await runAnalyticsRefresh({ databaseUrl, asOf: "2026-05-20", trigger: "test" });
    expect(await stage(dormant)).toBe("reactivated");
    expect(await stage(churned)).toBe("churned");
  }, 60_000);
});
