import type { RfmScore } from "./score.ts";

export const RFM_SEGMENTS = [
  "Champions",
  "Loyal",
  "Potential loyalist",
  "New",
  "Promising",
  "Need attention",
  "About to sleep",
  "At risk",
  "Can't lose them",
  "Hibernating",
  "Lost",
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/**
 * The widely used R/F segment map (the 5×5 recency × frequency grid popularised by the
 * "RFM segmentation" write-ups and the python `rfm` package); M does not move a customer between
 * segments, it only ranks customers inside one. The one change: the worst cell, R=1 F=1, is split
 * off from Hibernating as Lost, so the map has the eleven named groups the CRM shows.
 *
 *   R \ F |  1            2                  3                  4        5
 *   ------+------------------------------------------------------------------------------
 *     5   |  New          Potential loyalist Potential loyalist Champions Champions
 *     4   |  Promising    Potential loyalist Potential loyalist Loyal     Loyal
 *     3   |  About to sleep  About to sleep  Need attention     Loyal     Loyal
 *     2   |  Hibernating  Hibernating        At risk            At risk   Can't lose them
 *     1   |  Lost         Hibernating        At risk            At risk   Can't lose them
 *
 * Each row of SEGMENT_RULES covers the R and F score ranges written in it and the first matching
 * row wins; that only matters for R=1 F=1, where Lost is listed before Hibernating.
 */
export const SEGMENT_RULES: readonly { segment: RfmSegment; r: [RfmScore, RfmScore]; f: [RfmScore, RfmScore] }[] = [
  { segment: "Champions", r: [5, 5], f: [4, 5] },
  { segment: "Loyal", r: [3, 4], f: [4, 5] },
  { segment: "Potential loyalist", r: [4, 5], f: [2, 3] },
  { segment: "New", r: [5, 5], f: [1, 1] },
  { segment: "Promising", r: [4, 4], f: [1, 1] },
  { segment: "Need attention", r: [3, 3], f: [3, 3] },
  { segment: "About to sleep", r: [3, 3], f: [1, 2] },
  { segment: "At risk", r: [1, 2], f: [3, 4] },
  { segment: "Can't lose them", r: [1, 2], f: [5, 5] },
  { segment: "Lost", r: [1, 1], f: [1, 1] },
  { segment: "Hibernating", r: [1, 2], f: [1, 2] },
];

/** The named group of an R/F cell: the first rule whose ranges contain it (Lost precedes Hibernating). */
export function rfmSegment(r: RfmScore, f: RfmScore): RfmSegment {
  const rule = SEGMENT_RULES.find((x) => r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1]);
  if (!rule) throw new RangeError(`R=${r} F=${f} is not a score pair from 1 to 5`);
  return rule.segment;
}
