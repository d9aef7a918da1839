/** Pairwise precision and recall of a resolution against the generator's identity truth. */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { Cluster, MemberRecord } from "@dangol/domain/identity";

const key = (division: string, memberNo: string) => `${division}\u0000${memberNo}`;

/** `_truth/identities.csv.gz` → (division, member number) → person id. */
export async function readIdentityTruth(path: string): Promise<Map<string, string>> {
  const lines = gunzipSync(await readFile(path))
    .toString("utf8")
    .split("\n");
  const header = lines[0]!.split(",");
  const [d, m, p] = ["division", "member_no", "person_id"].map((c) => header.indexOf(c));
  const truth = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    const cells = line.split(",");
    truth.set(key(cells[d!]!, cells[m!]!), cells[p!]!);
  }
  return truth;
}

export interface PairwiseQuality {
  records: number;
  /** Pairs the resolution put in one cluster. */
  predictedPairs: number;
  /** Pairs of the same person among the records resolved. */
  truePairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
}

const pairs = (k: number) => (k * (k - 1)) / 2;

function countBy(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Counts pairs per cluster and per person: linear, never enumerates pairs. */
export function pairwiseQuality(
  records: readonly Pick<MemberRecord, "division" | "memberNo">[],
  clusters: readonly Pick<Cluster, "members">[],
  truth: ReadonlyMap<string, string>,
): PairwiseQuality {
  const person = records.map((r) => {
    const p = truth.get(key(r.division, r.memberNo));
    if (p === undefined) throw new Error(`${r.division} ${r.memberNo} is not in the truth file`);
    return p;
  });
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const c of clusters) {
    predictedPairs += pairs(c.members.length);
    for (const k of countBy(c.members.map((i) => person[i]!)).values()) correctPairs += pairs(k);
  }
  let truePairs = 0;
  for (const k of countBy(person).values()) truePairs += pairs(k);
  return {
    records: records.length,
    predictedPairs,
    truePairs,
    correctPairs,
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
  };
}
