import {
  blockingKeys,
  ciConflict,
  compareRecords,
  deterministicKey,
  scorePair,
  THRESHOLDS,
  type Thresholds,
} from "./score.ts";
import type { LinkReason, MemberRecord } from "./types.ts";
import { ConsistentUnionFind } from "./union-find.ts";

/** An edge that joined two records' clusters; indices are into the input array. */
export interface Link {
  a: number;
  b: number;
  reason: LinkReason;
  /** The fuzzy score (also computed for deterministic links, for the record). */
  score: number | null;
  evidence: string[];
}

export interface Cluster {
  /** Indices into the input array, ascending. */
  members: number[];
  /** A spanning tree of the cluster: members.length − 1 links, each with its reason. */
  links: Link[];
}

export type ReviewWhy = "score_band" | "ci_conflict" | "birth_conflict";

/** A pair a person should look at: close, but not close (or consistent) enough to merge alone. */
export interface ReviewCandidate {
  a: number;
  b: number;
  why: ReviewWhy;
  score: number;
  evidence: string[];
}

export interface ResolveOptions {
  thresholds: Thresholds;
  /**
   * Blocks bigger than this are skipped: a shared junk value (a store's phone typed for every
   * walk-in) would otherwise make the step quadratic. Real blocks are tiny; the count of skipped
   * blocks is reported.
   */
  maxBlockSize: number;
}

export const DEFAULT_RESOLVE_OPTIONS: ResolveOptions = { thresholds: THRESHOLDS, maxBlockSize: 200 };

export interface ResolveStats {
  records: number;
  clusters: number;
  links: Record<LinkReason, number>;
  comparedPairs: number;
  skippedBlocks: number;
  refused: number;
}

export interface Resolution {
  clusters: Cluster[];
  review: ReviewCandidate[];
  stats: ResolveStats;
}

function groupBy(n: number, keyOf: (i: number) => string | null): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  }
  return groups;
}

/**
 * Batch identity resolution, in three passes of decreasing certainty:
 * (a) the same CI, (b) the same mobile + birth date + name, (c) a scored comparison of the pairs
 * that share a blocking key. Only links at or above the auto-merge threshold enter the union-find,
 * strongest first, and each union is refused if it would join two CIs or two birth dates; pairs in
 * the review band and refused unions come back as review candidates. Cost: linear in records plus
 * the pairs inside blocks (no all-pairs comparison).
 */
export function resolveIdentities(records: readonly MemberRecord[], options: Partial<ResolveOptions> = {}): Resolution {
  const { thresholds, maxBlockSize } = { ...DEFAULT_RESOLVE_OPTIONS, ...options };
  const n = records.length;
  const uf = new ConsistentUnionFind(
    records.map((r) => r.ciHash),
    records.map((r) => r.birthDate),
  );
  const links: Link[] = [];
  const review: ReviewCandidate[] = [];
  const stats: ResolveStats = {
    records: n,
    clusters: 0,
    links: { ci: 0, deterministic: 0, fuzzy: 0 },
    comparedPairs: 0,
    skippedBlocks: 0,
    refused: 0,
  };

  const tryLink = (a: number, b: number, reason: LinkReason, score: number | null, evidence: string[]) => {
    const conflict = uf.conflict(a, b, reason === "ci");
    if (conflict) {
      stats.refused++;
      review.push({ a, b, why: conflict, score: score ?? compareRecords(records[a]!, records[b]!).score, evidence });
      return;
    }
    if (uf.union(a, b)) {
      links.push({ a, b, reason, score, evidence });
      stats.links[reason]++;
    }
  };

  for (const group of groupBy(n, (i) => records[i]!.ciHash).values()) {
    for (let k = 1; k < group.length; k++) tryLink(group[0]!, group[k]!, "ci", null, ["ci:equal"]);
  }

  for (const group of groupBy(n, (i) => deterministicKey(records[i]!)).values()) {
    for (let k = 1; k < group.length; k++) {
      const [a, b] = [group[0]!, group[k]!];
      if (uf.find(a) === uf.find(b)) continue;
      const { score, evidence } = compareRecords(records[a]!, records[b]!);
      tryLink(a, b, "deterministic", score, ["deterministic:phone+birth+name", ...evidence]);
    }
  }

  const keys = records.map(blockingKeys);
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    for (const key of keys[i]!) {
      const list = blocks.get(key);
      if (list) list.push(i);
      else blocks.set(key, [i]);
    }
  }
  for (const members of blocks.values()) if (members.length > maxBlockSize) stats.skippedBlocks++;
  const strong: { a: number; b: number; score: number; evidence: string[] }[] = [];
  // Each pair is compared once however many blocks it shares: `seen[j] === i` marks j as done for i.
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = records[i]!;
    for (const key of keys[i]!) {
      const members = blocks.get(key)!;
      if (members.length > maxBlockSize) continue;
      for (const j of members) {
        if (j <= i || seen[j] === i) continue;
        seen[j] = i;
        const b = records[j]!;
        if (ciConflict(a, b) || uf.find(i) === uf.find(j)) continue;
        stats.comparedPairs++;
        const score = scorePair(a, b);
        if (score < thresholds.review) continue;
        const { evidence } = compareRecords(a, b);
        if (score >= thresholds.autoMerge) strong.push({ a: i, b: j, score, evidence });
        else review.push({ a: i, b: j, why: "score_band", score, evidence });
      }
    }
  }
  strong.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  for (const e of strong) {
    if (uf.find(e.a) !== uf.find(e.b)) tryLink(e.a, e.b, "fuzzy", e.score, e.evidence);
  }

  const byRoot = new Map<number, Cluster>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const cluster = byRoot.get(root);
    if (cluster) cluster.members.push(i);
    else byRoot.set(root, { members: [i], links: [] });
  }
  for (const link of links) byRoot.get(uf.find(link.a))!.links.push(link);
  const clusters = [...byRoot.values()];
  stats.clusters = clusters.length;

  // A band pair whose records ended up together anyway needs no review; keep the best pair per
  // pair of clusters so a reviewer sees each question once.
  const best = new Map<string, ReviewCandidate>();
  for (const c of review) {
    const ra = uf.find(c.a);
    const rb = uf.find(c.b);
    if (ra === rb) continue;
    const key = ra < rb ? `${ra}:${rb}` : `${rb}:${ra}`;
    const held = best.get(key);
    if (!held || c.score > held.score) best.set(key, c);
  }
  return { clusters, review: [...best.values()].sort((x, y) => y.score - x.score || x.a - y.a), stats };
}
