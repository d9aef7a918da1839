import { describe, expect, it } from "vitest";
import {
  badJsonLine,
  FAULTS,
  impossibleBirthDate,
  invalidDate,
  Planter,
  shortPhone,
  wrongFieldCount,
} from "./faults.ts";
import { Rng } from "./random.ts";

describe("Planter", () => {
  it("plants a kind at its documented rate and counts what was eligible", () => {
    const planter = new Planter(new Rng(1), Number.POSITIVE_INFINITY);
    for (let i = 0; i < 100_000; i++) planter.roll("late_receipt");
    const planted = planter.planted.get("late_receipt")!;
    expect(planter.eligible.get("late_receipt")).toBe(100_000);
    expect(planted / 100_000).toBeGreaterThan(FAULTS.late_receipt.rate * 0.8);
    expect(planted / 100_000).toBeLessThan(FAULTS.late_receipt.rate * 1.2);
  });

  it("puts at most one problem on a row", () => {
    const planter = new Planter(new Rng(2), Number.POSITIVE_INFINITY);
    let hits = 0;
    for (let i = 0; i < 50_000; i++) if (planter.pickOne(["unknown_product", "amount_mismatch"])) hits++;
    const total = (planter.planted.get("unknown_product") ?? 0) + (planter.planted.get("amount_mismatch") ?? 0);
    expect(total).toBe(hits);
  });

  it("plants a kind not seen yet on the first candidate once the forcing day is reached", () => {
    const planter = new Planter(new Rng(3), 10);
    planter.startDay(10);
    expect(planter.pickOne(["unknown_store"])).toBe("unknown_store");
    expect(planter.planted.get("unknown_store")).toBe(1);
  });
});

describe("fault shapes", () => {
  it("makes dates that do not exist", () => {
    const rng = new Rng(5);
    for (let i = 0; i < 20; i++) {
      const { y, m, d } = invalidDate(2024, rng);
      const real = new Date(Date.UTC(y, m - 1, d));
      expect(real.getUTCMonth() + 1 !== m || real.getUTCDate() !== d).toBe(true);
    }
  });

  it("makes birth dates outside 1900 … the reference year or off the calendar", () => {
    const rng = new Rng(6);
    for (let i = 0; i < 20; i++) {
      const { y, m, d } = impossibleBirthDate({ y: 1980, m: 5, d: 5 }, 2025, rng);
      const real = new Date(Date.UTC(y, m - 1, d));
      const onCalendar = real.getUTCFullYear() === y && real.getUTCMonth() + 1 === m && real.getUTCDate() === d;
      expect(!onCalendar || y < 1900 || y > 2025).toBe(true);
    }
  });

  it("shortens phones, changes field counts and breaks JSON", () => {
    const rng = new Rng(7);
    expect(shortPhone("01012345678", rng).length).toBeLessThanOrEqual(8);
    for (let i = 0; i < 10; i++) expect(wrongFieldCount(["a", "b", "c", "d"], rng).length).not.toBe(4);
    for (let i = 0; i < 10; i++) expect(() => JSON.parse(badJsonLine('{"a":"b","c":[1,2]}', rng))).toThrow();
  });
});
