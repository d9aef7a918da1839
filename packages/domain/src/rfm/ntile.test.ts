import { describe, expect, it } from "vitest";
import { ntileBucket } from "./ntile.ts";

const buckets = (rows: number) => Array.from({ length: rows }, (_, i) => ntileBucket(i, rows, 5));
const sizes = (assigned: number[]) => [1, 2, 3, 4, 5].map((b) => assigned.filter((x) => x === b).length);

describe("ntileBucket", () => {
  it("puts the two extra rows of 7 in the first two buckets", () => {
    expect(buckets(7)).toEqual([1, 1, 2, 2, 3, 4, 5]);
  });

  it("gives 12 rows buckets of 3, 3, 2, 2, 2", () => {
    expect(sizes(buckets(12))).toEqual([3, 3, 2, 2, 2]);
  });

  it("splits a multiple of five evenly", () => {
    expect(sizes(buckets(10))).toEqual([2, 2, 2, 2, 2]);
  });

  it("leaves the last buckets empty when there are fewer rows than buckets", () => {
    expect(buckets(3)).toEqual([1, 2, 3]);
  });

  it("rejects a position outside the rows", () => {
    expect(() => ntileBucket(7, 7, 5)).toThrow(RangeError);
  });
});
