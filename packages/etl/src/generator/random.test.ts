import { describe, expect, it } from "vitest";
import { mix32, Rng, WeightedTable } from "./random.ts";

describe("Rng", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = new Rng(1, 2);
    const b = new Rng(1, 2);
    const c = new Rng(1, 3);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it("draws gamma times with mean shape × scale", () => {
    const rng = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.gamma(2.5, 4);
    expect(sum / 20_000).toBeCloseTo(10, 0);
    expect(rng.gamma(0.5, 1)).toBeGreaterThan(0);
  });

  it("draws Poisson counts with the given mean, small and large", () => {
    const rng = new Rng(9);
    for (const mean of [1.5, 120]) {
      let sum = 0;
      for (let i = 0; i < 10_000; i++) sum += rng.poisson(mean);
      expect(sum / 10_000).toBeCloseTo(mean, mean > 10 ? -1 : 1);
    }
    expect(rng.poisson(0)).toBe(0);
  });

  it("mixes inputs into unrelated seeds", () => {
    expect(mix32(1, 2)).not.toBe(mix32(2, 1));
    expect(mix32(1, 2)).toBe(mix32(1, 2));
  });
});

describe("WeightedTable", () => {
  it("picks items in proportion to their weights", () => {
    const table = new WeightedTable(["a", "b", "c"], [1, 0, 3]);
    const rng = new Rng(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 8_000; i++) counts[table.pick(rng) as "a"]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.5);
    expect(counts.c / counts.a).toBeLessThan(3.5);
  });
});
