/**
 * The one merge machinery: the ETL's automatic merges and a reviewer's manual ones both go
 * through `applyMerges`, so every merge leaves the same reversible record.
 *
 * A merge folds `merged` into `survivor`: links, receipts, point entries, consent events,
 * touchpoints, attribute history and open reviews move; the merged customer's current consent
 * rows go (the survivor's are recomputed from the events); the merged customer becomes MERGED with
 * `merged_into_id`. Before anything moves, `customer_merge.snapshot` records both customer rows,
 * the merged customer's links (whole rows) and the ids of every row that moves, so
 * `unmergeCustomers` can move exactly those back.
 */
import type { PoolClient } from "pg";
import { copyTemp } from "../load/temp-table.ts";

export interface MergeSpec {
  survivor: string;
  merged: string;
  reason: string;
  score: number | null;
  evidence: readonly string[];
}

/** Snapshot layout version 2: reversible. Version 1 (before unmerge existed) held merged + links only. */
export const SNAPSHOT_VERSION = 2;

/**
 * Identity writes (the ETL's member batches, manual merges, unmerges, review decisions) take this
 * transaction-scoped advisory lock first, so they never interleave: the ETL keeps its identity
 * index between batches and must see every other writer's change as a change of the links token.
 */
export async function lockIdentity(client: PoolClient): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('dangol:identity'))`);
}

export const pgTextArray = (values: readonly string[]): string =>
  `{${values.map((e) => `"${e.replaceAll("\\", "").replaceAll('"', "")}"`).join(",")}}`;

/**
 * Applies the merges (survivors already resolved to the final survivor; a merged customer appears
 * once) in the caller's transaction. Returns the customer_merge ids in input order.
 */
export async function applyMerges(
  client: PoolClient,
  merges: readonly MergeSpec[],
  options: { mergedBy: string; batchId: string | null },
): Promise<string[]> {
  if (merges.length === 0) return [];
  await copyTemp(
    client,
    "ld_merge",
    [
      ["seq", "int"],
      ["survivor_id", "bigint"],
      ["merged_id", "bigint"],
      ["reason", "text"],
      ["score", "float8"],
      ["evidence", "text[]"],
    ],
    merges.map((m, i) => [i, m.survivor, m.merged, m.reason, m.score, pgTextArray(m.evidence)]),
  );
  // Open reviews of a merged customer follow it to the survivor, unless that would make a
  // self-pair (the pair is now one customer) or repeat a pair already held: those stay behind,
  // pointing at a MERGED customer, and deciding them says so.
  await client.query(`DROP TABLE IF EXISTS ld_review_move`);
  await client.query(
    `CREATE TEMP TABLE ld_review_move ON COMMIT DROP AS
     SELECT DISTINCT ON (x.new_customer, x.new_candidate) x.*
       FROM (SELECT r.id AS review_id, r.customer_id AS old_customer, r.candidate_customer_id AS old_candidate,
                    coalesce(mc.survivor_id, r.customer_id) AS new_customer,
                    coalesce(md.survivor_id, r.candidate_customer_id) AS new_candidate,
                    mc.seq AS customer_seq, md.seq AS candidate_seq
               FROM identity_review r
               LEFT JOIN ld_merge mc ON mc.merged_id = r.customer_id
               LEFT JOIN ld_merge md ON md.merged_id = r.candidate_customer_id
              WHERE r.status = 'OPEN' AND (mc.seq IS NOT NULL OR md.seq IS NOT NULL)) x
      WHERE x.new_customer <> x.new_candidate
        AND NOT EXISTS (SELECT 1 FROM identity_review o WHERE o.customer_id = x.new_customer
                          AND o.candidate_customer_id = x.new_candidate)
      ORDER BY x.new_customer, x.new_candidate, x.review_id`,
  );
  const ids = (arr: string, table: string) =>
    `'${arr}', (SELECT coalesce(jsonb_agg(t.id ORDER BY t.id), '[]') FROM ${table} t WHERE t.customer_id = m.merged_id)`;
  const { rows } = await client.query(
    `INSERT INTO customer_merge (survivor_id, merged_id, reason, score, matched_keys, snapshot, merged_by)
     SELECT m.survivor_id, m.merged_id, m.reason, m.score, m.evidence,
            jsonb_build_object('version', ${SNAPSHOT_VERSION}, 'batchId', $1::bigint,
              'merged', to_jsonb(c), 'survivor', to_jsonb(s),
              'links', (SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY l.id), '[]') FROM customer_source_link l
                         WHERE l.customer_id = m.merged_id),
              ${ids("receipts", "receipt")}, ${ids("pointEntries", "point_entry")},
              ${ids("consentEvents", "consent_event")}, ${ids("touchpoints", "touchpoint")},
              ${ids("history", "customer_attribute_history")},
              'consent', (SELECT coalesce(jsonb_agg(to_jsonb(cc) ORDER BY cc.channel), '[]') FROM customer_consent cc
                           WHERE cc.customer_id = m.merged_id),
              'reviewsAsCustomer', (SELECT coalesce(jsonb_agg(v.review_id ORDER BY v.review_id), '[]') FROM ld_review_move v
                                     WHERE v.customer_seq = m.seq),
              'reviewsAsCandidate', (SELECT coalesce(jsonb_agg(v.review_id ORDER BY v.review_id), '[]') FROM ld_review_move v
                                      WHERE v.candidate_seq = m.seq)),
            $2
       FROM ld_merge m JOIN customer c ON c.id = m.merged_id JOIN customer s ON s.id = m.survivor_id
      ORDER BY m.seq
     RETURNING id::text, merged_id::text`,
    [options.batchId, options.mergedBy],
  );
  // Links get a fresh updated_at: the ETL's kept identity state is keyed on it.
  await client.query(
    `UPDATE customer_source_link t SET customer_id = m.survivor_id, updated_at = clock_timestamp()
       FROM ld_merge m WHERE t.customer_id = m.merged_id`,
  );
  for (const table of ["receipt", "point_entry", "consent_event", "touchpoint", "customer_attribute_history"])
    await client.query(
      `UPDATE ${table} t SET customer_id = m.survivor_id FROM ld_merge m WHERE t.customer_id = m.merged_id`,
    );
  await client.query(`DELETE FROM customer_consent t USING ld_merge m WHERE t.customer_id = m.merged_id`);
  await client.query(
    `UPDATE identity_review r SET customer_id = v.new_customer, candidate_customer_id = v.new_candidate
       FROM ld_review_move v WHERE r.id = v.review_id`,
  );
  await client.query(
    `UPDATE customer c SET status = 'MERGED', merged_into_id = m.survivor_id, ci_hash = NULL, updated_at = now()
       FROM ld_merge m WHERE c.id = m.merged_id`,
  );
  const byMerged = new Map(rows.map((r) => [r.merged_id as string, r.id as string]));
  return merges.map((m) => byMerged.get(m.merged)!);
}

/**
 * Pairs a reviewer kept apart, each side resolved to the customer it is now (through later
 * merges), keyed `a|b` with a < b. The ETL neither proposes nor auto-merges these pairs again.
 */
export async function keptApartPairs(client: PoolClient): Promise<Set<string>> {
  const { rows } = await client.query(
    `WITH RECURSIVE pairs AS (
       SELECT DISTINCT customer_id AS a, candidate_customer_id AS b FROM identity_review WHERE status = 'REJECTED'),
     ids AS (SELECT a AS id FROM pairs UNION SELECT b FROM pairs),
     chain AS (SELECT id AS origin, id AS at, 0 AS hops FROM ids
               UNION ALL
               SELECT ch.origin, c.merged_into_id, ch.hops + 1 FROM chain ch JOIN customer c ON c.id = ch.at
                WHERE c.status = 'MERGED' AND c.merged_into_id IS NOT NULL AND ch.hops < 50),
     final AS (SELECT DISTINCT ON (origin) origin, at FROM chain ORDER BY origin, hops DESC)
     SELECT fa.at::text AS a, fb.at::text AS b FROM pairs p JOIN final fa ON fa.origin = p.a JOIN final fb ON fb.origin = p.b`,
  );
  return new Set(rows.filter((r) => r.a !== r.b).map((r) => pairKey(r.a, r.b)));
}

export function pairKey(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}|${b}` : `${b}|${a}`;
}
