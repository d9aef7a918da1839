import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  assignIncoming,
  buildGolden,
  IdentityIndex,
  type MemberRecord,
  resolveIdentities,
} from "@dangol/domain/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../generator/index.ts";
import { pairwiseQuality, readIdentityTruth } from "./evaluate.ts";
import { readLatestMembers } from "./members.ts";

// Two seeds: the thresholds must hold on data they were not tuned on.
const SEEDS = [1, 20251231];
const root = mkdtempSync(join(tmpdir(), "dangol-identity-"));
const deliveries = new Map<number, { records: MemberRecord[]; truth: Map<string, string> }>();

beforeAll(async () => {
  for (const seed of SEEDS) {
    const out = join(root, `seed-${seed}`);
    generate({ scale: "tiny", seed, out });
    deliveries.set(seed, {
      records: await readLatestMembers(out),
      truth: await readIdentityTruth(join(out, "_truth", "identities.csv.gz")),
    });
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each(SEEDS)("identity resolution on a tiny delivery (seed %i)", (seed) => {
  it("reaches pairwise precision ≥ 99.5% and recall ≥ 95% against the generator's truth", () => {
    const { records, truth } = deliveries.get(seed)!;
    const { clusters } = resolveIdentities(records);
    const quality = pairwiseQuality(records, clusters, truth);
    expect(quality.truePairs).toBeGreaterThan(300);
    expect(quality.precision).toBeGreaterThanOrEqual(0.995);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
  });

  it("gets the same quality one record at a time through the index", () => {
    const { records, truth } = deliveries.get(seed)!;
    const index = new IdentityIndex();
    let next = 0;
    assignIncoming(index, records, () => `C${next++}`);
    const byCustomer = new Map<string, number[]>();
    records.forEach((r, i) => {
      const id = index.customerOf(r.division, r.memberNo)!;
      byCustomer.set(id, [...(byCustomer.get(id) ?? []), i]);
    });
    const clusters = [...byCustomer.values()].map((members) => ({ members, links: [] }));
    const quality = pairwiseQuality(records, clusters, truth);
    expect(quality.precision).toBeGreaterThanOrEqual(0.995);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
  });

  it("never puts two CIs in one cluster and builds a golden record for each", () => {
    const { records } = deliveries.get(seed)!;
    for (const cluster of resolveIdentities(records).clusters) {
      const members = cluster.members.map((i) => records[i]!);
      expect(new Set(members.flatMap((r) => (r.ciHash ? [r.ciHash] : []))).size).toBeLessThanOrEqual(1);
      expect(cluster.links).toHaveLength(members.length - 1);
      const golden = buildGolden(members);
      expect(golden.name ?? golden.phone ?? golden.email).not.toBeNull();
    }
  });
});
