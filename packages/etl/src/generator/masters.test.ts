import { describe, expect, it } from "vitest";
import { buildCatalogue, buildStores, hqCategories, nearestStores } from "./masters.ts";
import { REGIONS } from "./reference.ts";

describe("masters", () => {
  it("builds a three-level HQ tree whose parents exist", () => {
    const categories = hqCategories();
    const codes = new Set(categories.map((c) => c.code));
    for (const c of categories) {
      expect(c.level).toBe(c.code.length / 2);
      if (c.level > 1) expect(codes.has(c.parentCode)).toBe(true);
    }
  });

  it("maps every division category its products use onto an HQ 소분류", () => {
    const leaves = new Set(
      hqCategories()
        .filter((c) => c.level === 3)
        .map((c) => c.code),
    );
    for (const division of ["DPT", "MART", "SM"] as const) {
      const { products, categoryMap } = buildCatalogue(division, 1);
      const mapped = new Map(categoryMap.map((row) => [row.sourceCode, row.categoryCode]));
      for (const product of products) expect(leaves.has(mapped.get(product.categoryCode)!)).toBe(true);
      expect(new Set(products.map((p) => p.code)).size).toBe(products.length);
    }
  });

  it("prices the same goods higher at the department store", () => {
    const avg = (division: "DPT" | "MART") => {
      const { products } = buildCatalogue(division, 1);
      const beauty = products.filter((p) => p.name.startsWith("선크림 SPF50+"));
      return beauty.reduce((sum, p) => sum + p.price, 0) / beauty.length;
    };
    expect(avg("DPT")).toBeGreaterThan(avg("MART"));
  });

  it("places stores in real regions, nearest first for each region", () => {
    const stores = buildStores("MART", 60, 1);
    expect(new Set(stores.map((s) => s.code)).size).toBe(60);
    const nearest = nearestStores(stores);
    expect(nearest).toHaveLength(REGIONS.length);
    const region = REGIONS[0]!;
    const cos = Math.cos((region.lat * Math.PI) / 180);
    const far = (i: number) => Math.hypot(stores[i]!.lat - region.lat, (stores[i]!.lon - region.lon) * cos);
    const order = nearest[0]!.map(far);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
