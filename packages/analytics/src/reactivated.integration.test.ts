import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt } from "@dangol/db/seed";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalyticsRefresh } from "./refresh.ts";

// "The previous evaluation" is the latest snapshot month of the whole base, so this file keeps
// its snapshots to itself.
const database = await createTestDatabase("dangol_reactivated");
const prisma = createPrismaClient(database.url);
const sql = new pg.Client({ connectionString: database.url });
let storeId = 0;

beforeAll(async () => {
  await sql.connect();
  storeId = (await createDemoStore(prisma)).id;
}, 60_000);

afterAll(async () => {
  await sql.end();
  await prisma.$disconnect();
  await database.drop();
});

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const buy = (customerId: bigint, day: string) =>
  createReceipt(prisma, {
    storeId,
    customerId,
    soldAt: new Date(`${day}T03:00:00Z`),
    lines: [{ quantity: 1, unitPrice: 25_000, categoryCode: null }],
  });
/** Ten weekly purchases ending on `last`: a 7-day rhythm (at risk past 14 days, dormant past 28, churned past 56). */
async function weekly(last: string): Promise<bigint> {
  const c = await createCustomer(prisma);
  for (let k = 9; k >= 0; k--) await buy(c.id, addDays(last, -7 * k));
  return c.id;
}
const stage = async (id: bigint) =>
  (await sql.query("SELECT lifecycle_stage FROM customer_metrics WHERE customer_id = $1", [String(id)])).rows[0]
    ?.lifecycle_stage;
const run = (asOf: string) => runAnalyticsRefresh({ databaseUrl: database.url, asOf, trigger: "test" });

describe("reactivated: dormant or churned at the previous evaluation, bought since", () => {
  it("reads the latest earlier snapshot (a month without a refresh is skipped) and holds for the month", async () => {
    const dormant = await weekly("2026-01-20"); // 2026-02-28: 39 days quiet → dormant
    const churned = await weekly("2025-12-20"); // 70 days → churned
    const stays = await weekly("2026-01-15"); // dormant, never comes back
    const active = await weekly("2026-02-25");
    await run("2026-02-28");
    expect([await stage(dormant), await stage(churned), await stage(stays), await stage(active)]).toEqual([
      "dormant",
      "churned",
      "dormant",
      "active",
    ]);

    // No refresh in March. In April two of them come back.
    await buy(dormant, "2026-04-10");
    await buy(churned, "2026-04-12");
    await buy(active, "2026-04-12");
    await run("2026-04-14");
    expect(await stage(dormant)).toBe("reactivated");
    expect(await stage(churned)).toBe("reactivated");
    expect(await stage(stays)).toBe("churned");
    expect(await stage(active)).toBe("active"); // was active: buying again is nothing new
    // A later refresh in the same month still compares with February (April's own snapshot is not "previous").
    await run("2026-04-16");
    expect(await stage(dormant)).toBe("reactivated");

    // In May the previous evaluation is April's, where they were reactivated, not dormant.
    await buy(dormant, "2026-05-05");
    await run("2026-05-08");
    expect(await stage(dormant)).not.toBe("reactivated");
  }, 120_000);
});
