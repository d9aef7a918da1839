import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAnalyticsCatalog } from "./catalog.ts";
import { type AnalystTestDatabase, openAnalystTestDatabase } from "./test-fixture.ts";

let db: AnalystTestDatabase;

beforeAll(async () => {
  db = await openAnalystTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

describe("loadAnalyticsCatalog", () => {
  it("lists the analytics views by name with their comments and columns in declared order", async () => {
    const catalog = await loadAnalyticsCatalog(db.app);
    const names = catalog.map((v) => v.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(["customers", "receipts", "receipt_lines", "customer_metrics"]));
    const customers = catalog.find((v) => v.name === "customers");
    expect(customers?.comment).toContain("Customers");
    expect(customers?.columns[0]).toEqual({
      name: "customer_id",
      type: "bigint",
      comment: expect.stringContaining("join key"),
    });
    expect(customers?.columns.find((c) => c.name === "divisions")?.type).toBe("character varying[]");
    expect(customers?.columns.map((c) => c.name)).not.toContain("phone");
  });

  it("reads the same catalog through the query role's own connection string", async () => {
    const asAnalyst = await loadAnalyticsCatalog(db.analyst);
    expect(asAnalyst).toEqual(await loadAnalyticsCatalog(db.app));
  });
});
