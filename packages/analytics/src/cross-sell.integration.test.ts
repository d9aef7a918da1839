import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt } from "@dangol/db/seed";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAnalyticsConfig } from "./config.ts";
import { crossSellCandidates } from "./cross-sell.ts";
import { runAnalyticsRefresh } from "./refresh.ts";

// The rules are the whole association_rule table, so this file gets a warehouse of its own.
const database = await createTestDatabase("dangol_cross_sell");
const prisma = createPrismaClient(database.url);
const sql = new pg.Client({ connectionString: database.url });
const asOf = "2026-03-31";

type Product = { id: number; category: string };
const products: Record<"coffee" | "filter" | "milk" | "bread", Product> = {} as never;

beforeAll(async () => {
  await sql.connect();
  await prisma.category.create({ data: { code: "X1", level: 1, nameKo: "식품" } });
  for (const [code, name] of [
    ["X1A", "커피"],
    ["X1B", "유제품"],
    ["X1C", "베이커리"],
  ] as const) {
    await prisma.category.create({ data: { code, level: 2, parentCode: "X1", nameKo: name } });
    await prisma.category.create({ data: { code: `${code}1`, level: 3, parentCode: code, nameKo: `${name} 소` } });
  }
  const store = await createDemoStore(prisma);
  const make = async (code: string, category: string) => {
    const p = await prisma.product.create({
      data: { sourceCode: "MART", code, name: code, categoryCode: category },
    });
    return { id: p.id, category };
  };
  products.coffee = await make("COFFEE", "X1A1");
  products.filter = await make("FILTER", "X1A1");
  products.milk = await make("MILK", "X1B1");
  products.bread = await make("BREAD", "X1C1");
  storeId = store.id;
  await saveAnalyticsConfig(
    sql,
    "baskets",
    {
      windowDays: 90,
      categoryLevel: 2,
      thresholds: { minSupport: 0.1, minConfidence: 0.3, minLift: 1, minLen: 2, maxLen: 2 },
      product: { enabled: true, thresholds: { minSupport: 0.1, minConfidence: 0.3, minLift: 1, minLen: 2, maxLen: 2 } },
      crossSellDays: 365,
    },
    "test",
  );
}, 120_000);

afterAll(async () => {
  await sql.end();
  await prisma.$disconnect();
  await database.drop();
});

let storeId = 0;
const basket = (customerId: bigint | null, day: string, items: Product[], unitPrice = 10_000) =>
  createReceipt(prisma, {
    storeId,
    customerId,
    soldAt: new Date(`${day}T03:00:00Z`),
    lines: items.map((p) => ({ productId: p.id, categoryCode: p.category, quantity: 1, unitPrice })),
  });

describe("product-level rules and the cross-sell list", () => {
  it("mines product rules beside category rules and lists who buys coffee but never filters", async () => {
    const { coffee, filter, milk, bread } = products;
    // 10 baskets: coffee+filter ×4, coffee+milk ×2, milk+bread ×2, bread ×2 (anonymous), so
    // coffee ⇒ filter: support 4/10, confidence 4/6, lift (4·10)/(6·4) = 5/3.
    for (let k = 0; k < 4; k++) await basket((await createCustomer(prisma)).id, "2026-03-10", [coffee, filter]);
    const big = await createCustomer(prisma);
    const small = await createCustomer(prisma);
    await basket(big.id, "2026-03-12", [coffee, milk], 90_000);
    await basket(small.id, "2026-03-13", [coffee, milk], 10_000);
    for (let k = 0; k < 2; k++) await basket(null, "2026-03-14", [milk, bread]);
    for (let k = 0; k < 2; k++) await basket(null, "2026-03-15", [bread]);

    const result = await runAnalyticsRefresh({ databaseUrl: database.url, asOf, trigger: "test" });
    expect(result.counts.productBaskets).toBe(10);
    const { rows } = await sql.query<{ lhs: string[]; rhs: string; support: number; confidence: number; lift: number }>(
      "SELECT lhs, rhs, support, confidence, lift FROM association_rule WHERE level = 'product' ORDER BY lift DESC, rhs",
    );
    const rule = rows.find((r) => r.lhs[0] === String(coffee.id) && r.rhs === String(filter.id));
    expect(rule).toMatchObject({ support: 0.4, confidence: 4 / 6, lift: 5 / 3 });
    // At category level 2, coffee and filter are one item (커피): no such rule there.
    const { rows: categoryRules } = await sql.query<{ lhs: string[]; rhs: string }>(
      "SELECT lhs, rhs FROM association_rule WHERE level = 'category'",
    );
    expect(categoryRules.length).toBeGreaterThan(0);
    expect(categoryRules.every((r) => r.lhs.every((c) => c.length === 3) && r.rhs.length === 3)).toBe(true);

    const list = await crossSellCandidates(sql, { level: "product", limit: 1000 });
    const forFilter = list.filter((r) => r.rhs === String(filter.id) && r.lhs[0] === String(coffee.id));
    // Bought coffee, never the filter; the bigger spender first.
    expect(forFilter.map((r) => r.customerId)).toEqual([big.id.toString(), small.id.toString()]);
    expect(forFilter[0]).toMatchObject({ ruleCandidates: 2, spend12m: 180_000 });
    // Ranked by lift first across rules.
    const lifts = list.map((r) => r.lift);
    expect([...lifts].sort((a, b) => b - a)).toEqual(lifts);
    // Category level 2: 유제품 ⇒ 베이커리 (lift 1.25); its members without bakery are the two coffee+milk buyers.
    const byCategory = await crossSellCandidates(sql, { level: "category" });
    expect(byCategory.map((r) => [r.lhs.join("+"), r.rhs, r.customerId])).toEqual([
      ["X1B", "X1C", big.id.toString()],
      ["X1B", "X1C", small.id.toString()],
    ]);
    // One rule by id, and a product rule stays when a later run mines only categories.
    const one = await crossSellCandidates(sql, { level: "product", ruleId: BigInt(forFilter[0]!.ruleId) });
    expect(one.map((r) => r.customerId)).toEqual([big.id.toString(), small.id.toString()]);
    await runAnalyticsRefresh({ databaseUrl: database.url, asOf, trigger: "test", ruleLevels: ["category"] });
    const { rows: kept } = await sql.query("SELECT 1 FROM association_rule WHERE level = 'product'");
    expect(kept.length).toBe(rows.length);
  }, 120_000);
});
