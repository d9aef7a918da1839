import { describe, expect, it } from "vitest";
import type { RfmScore } from "./score.ts";
import { RFM_SEGMENTS, rfmSegment } from "./segments.ts";

const SCORES: RfmScore[] = [1, 2, 3, 4, 5];

describe("rfmSegment", () => {
  it("follows the R/F grid row by row", () => {
    const grid = SCORES.toReversed().map((r) => SCORES.map((f) => rfmSegment(r, f)));
    expect(grid).toEqual([
      ["New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
      ["Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Loyal"],
      ["About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"],
      ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
      ["Lost", "Hibernating", "At risk", "At risk", "Can't lose them"],
    ]);
  });

  it("uses every named group", () => {
    const used = new Set(SCORES.flatMap((r) => SCORES.map((f) => rfmSegment(r, f))));
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it("refuses a score outside 1–5", () => {
    expect(() => rfmSegment(0 as RfmScore, 3)).toThrow(RangeError);
  });
});
