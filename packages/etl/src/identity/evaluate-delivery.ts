/**
 * Resolves a generated delivery's members and scores the result against its truth:
 *   node --import tsx --conditions=source packages/etl/src/identity/evaluate-delivery.ts DIR
 * Prints one JSON object: pairwise quality, review-queue size, link counts and timings.
 */
import { join } from "node:path";
import { assignIncoming, IdentityIndex, resolveIdentities } from "@dangol/domain/identity";
import { pairwiseQuality, readIdentityTruth } from "./evaluate.ts";
import { readLatestMembers } from "./members.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: evaluate-delivery.ts DELIVERY_DIR");
  process.exit(2);
}
const t0 = performance.now();
const records = await readLatestMembers(dir);
const t1 = performance.now();
const resolution = resolveIdentities(records);
const t2 = performance.now();
const truth = await readIdentityTruth(join(dir, "_truth", "identities.csv.gz"));
const quality = pairwiseQuality(records, resolution.clusters, truth);

// The incremental path on the same data: one record at a time against the growing index.
const t3 = performance.now();
const index = new IdentityIndex();
let next = 0;
assignIncoming(index, records, () => `C${next++}`);
const customerOf = records.map((r) => index.customerOf(r.division, r.memberNo)!);
const t4 = performance.now();
const byCustomer = new Map<string, number[]>();
customerOf.forEach((c, i) => {
  byCustomer.set(c, [...(byCustomer.get(c) ?? []), i]);
});
const incremental = pairwiseQuality(
  records,
  [...byCustomer.values()].map((members) => ({ members, links: [] })),
  truth,
);

const ms = (x: number) => Math.round(x);
console.log(
  JSON.stringify(
    {
      quality,
      review: resolution.review.length,
      reviewWhy: Object.fromEntries(
        ["score_band", "ci_conflict", "birth_conflict"].map((w) => [
          w,
          resolution.review.filter((r) => r.why === w).length,
        ]),
      ),
      stats: resolution.stats,
      incremental: { precision: incremental.precision, recall: incremental.recall, customers: byCustomer.size },
      ms: { read: ms(t1 - t0), resolve: ms(t2 - t1), incremental: ms(t4 - t3) },
    },
    null,
    2,
  ),
);
