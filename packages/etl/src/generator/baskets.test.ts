import { describe, expect, it } from "vitest";
import { BasketMaker, memberPoints, returnLines } from "./baskets.ts";
import { dayFromIso } from "./calendar.ts";
import { buildCatalogue } from "./masters.ts";
import { Rng } from "./random.ts";

const day = dayFromIso("2025-05-14");

function basketStats(division: "DPT" | "MART" | "SM") {
  const maker = new BasketMaker(division, buildCatalogue(division, 1));
  const rng = new Rng(11);
  let lines = 0;
  let spend = 0;
  for (let i = 0; i < 2_000; i++) {
    const basket = maker.lines(rng, day, 1);
    lines += basket.length;
    spend += basket.reduce((sum, l) => sum + l.amount, 0);
  }
  return { lines: lines / 2_000, spend: spend / 2_000 };
}

describe("baskets", () => {
  it("keeps amount = qty × price − discount on every line", () => {
    const maker = new BasketMaker("MART", buildCatalogue("MART", 1));
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      for (const l of maker.lines(rng, day, 1.2)) expect(l.amount).toBe(l.qty * l.unitPrice - l.discount);
    }
  });

  it("fills mart trolleys, supermarket baskets small and department-store receipts pricey", () => {
    const dpt = basketStats("DPT");
    const mart = basketStats("MART");
    const sm = basketStats("SM");
    expect(mart.lines).toBeGreaterThan(sm.lines);
    expect(sm.lines).toBeGreaterThan(dpt.lines);
    expect(dpt.spend).toBeGreaterThan(mart.spend);
    expect(mart.spend).toBeGreaterThan(sm.spend);
  });

  it("spreads MART points over lines and keeps them on the receipt elsewhere", () => {
    const rng = new Rng(3);
    const lines = new BasketMaker("MART", buildCatalogue("MART", 1)).lines(rng, day, 1);
    const points = memberPoints("MART", lines, rng);
    expect(lines.reduce((sum, l) => sum + l.earned, 0)).toBe(points.earned);
  });

  it("returns negate quantity and amount and give the discount back", () => {
    const rng = new Rng(4);
    const sale = new BasketMaker("DPT", buildCatalogue("DPT", 1)).lines(rng, day, 1);
    for (const l of returnLines(sale, rng)) {
      expect(l.qty).toBeLessThan(0);
      expect(l.amount).toBe(l.qty * l.unitPrice - l.discount);
      expect(l.discount).toBeLessThanOrEqual(0);
    }
  });
});
