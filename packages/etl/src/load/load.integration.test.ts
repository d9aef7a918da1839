import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createTestDatabase } from "@dangol/db/testing";
import type { Cluster, MemberRecord } from "@dangol/domain/identity";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ingestFile } from "../batches/index.ts";
import { identifyFeedFile } from "../feeds/index.ts";
import { generate } from "../generator/index.ts";
import { pairwiseQuality, readIdentityTruth } from "../identity/evaluate.ts";
import { loadPendingBatches } from "./load-batch.ts";

// Counts here are of the whole warehouse, so this file gets a database of its own: other files of
// the run (importers, analytics) load rows of their own into the shared one.
const database = await createTestDatabase("dangol_load");
const pool = new pg.Pool({ connectionString: database.url, max: 3 });
const roots: string[] = [];
afterAll(async () => {
  await pool.end();
  await database.drop();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Stage every file in arrival order and run the load stage after each, as the etl.file worker does. */
async function run(dir: string): Promise<number> {
  const manifest = JSON.parse(readFileSync(join(dir, "delivery_manifest.json"), "utf8")) as {
    files: { path: string }[];
  };
  let applied = 0;
  for (const entry of manifest.files) {
    const file = identifyFeedFile(entry.path);
    if (!file) continue;
    await ingestFile({ pool, path: join(dir, entry.path), file });
    applied += (await loadPendingBatches(pool)).length;
  }
  return applied;
}

const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;

async function counts() {
  const [row] = await q(
    `SELECT (SELECT count(*) FROM customer)::int AS customers, (SELECT count(*) FROM customer_source_link)::int AS links,
            (SELECT count(*) FROM receipt)::int AS receipts, (SELECT count(*) FROM receipt_line)::int AS lines,
            (SELECT count(*) FROM point_entry)::int AS points, (SELECT count(*) FROM point_allocation)::int AS allocations,
            (SELECT count(*) FROM customer_merge)::int AS merges, (SELECT count(*) FROM consent_event)::int AS consents,
            (SELECT count(*) FROM customer_attribute_history)::int AS history, (SELECT count(*) FROM etl_finding)::int AS findings,
            (SELECT count(*) FROM identity_review)::int AS reviews`,
  );
  return row;
}

describe("load stage: staging → warehouse", () => {
  it("loads a tiny delivery: identities, erasure, sales, points; a re-run changes nothing", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "dangol-load-")), "delivery");
    roots.push(out);
    generate({ scale: "tiny", seed: 21, out, end: "2025-12-31", fileFaults: false });
    const t0 = performance.now();
    await run(out);
    const seconds = (performance.now() - t0) / 1000;
    const first = await counts();
    console.log("tiny load", { seconds, ...first });

    // Planner statistics are kept by the load itself (autovacuum may be off): the tables it grew
    // have been analyzed, and none is left with more than a tenth of its rows changed since.
    const stale = await q(
      `SELECT relname FROM pg_stat_user_tables
        WHERE relname IN ('customer', 'customer_source_link', 'consent_event', 'receipt', 'receipt_line', 'point_entry')
          AND (last_analyze IS NULL AND last_autoanalyze IS NULL OR n_mod_since_analyze > 0.1 * greatest(n_live_tup, 1))`,
    );
    expect(stale).toEqual([]);

    // Identity: pairwise precision/recall of the customers' active links against the truth.
    const truth = await readIdentityTruth(join(out, "_truth/identities.csv.gz"));
    const links = await q(
      `SELECT source_code, member_no, customer_id::text FROM customer_source_link WHERE NOT inferred AND withdrawn_at IS NULL`,
    );
    const records = links.map((l) => ({ division: l.source_code, memberNo: l.member_no }) as MemberRecord);
    const byCustomer = new Map<string, number[]>();
    links.forEach((l, i) => {
      byCustomer.set(l.customer_id, [...(byCustomer.get(l.customer_id) ?? []), i]);
    });
    const clusters = [...byCustomer.values()].map((members) => ({ members }) as unknown as Cluster);
    const quality = pairwiseQuality(records, clusters, truth);
    console.log("identity", quality);
    expect(quality.precision).toBeGreaterThanOrEqual(0.995);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);

    // Receipts = staged receipts (rejected rows never reach staging).
    const [staged] = await q(
      `SELECT count(DISTINCT (s.division, s.receipt_key))::int AS n FROM staging.sale_line s
         JOIN staging.current_batch b ON b.batch_id = s.batch_id`,
    );
    expect(first.receipts).toBe(staged.n);

    // CP949: DPT names come out as the generator recorded them.
    const truthRows = gunzipSync(readFileSync(join(out, "_truth/identities.csv.gz")))
      .toString("utf8")
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    const recorded = new Map(truthRows.map((c) => [`${c[0]}|${c[1]}`, c[4]]));
    const dpt = await q(
      `SELECT member_no, name FROM customer_source_link WHERE source_code = 'DPT' AND name IS NOT NULL LIMIT 200`,
    );
    expect(dpt.length).toBeGreaterThan(20);
    const same = dpt.filter((r) => recorded.get(`DPT|${r.member_no}`)?.replace(/\s/g, "") === r.name).length;
    expect(same / dpt.length).toBeGreaterThan(0.9);
    expect(dpt.some((r) => /[가-힣]/.test(r.name))).toBe(true);

    // Erasure: a withdrawn member's personal data is gone everywhere; sales remain anonymous.
    const withdrawn = await q(
      `SELECT l.source_code, l.member_no, l.customer_id::text, l.name, l.phone, c.status::text, c.name AS golden
         FROM customer_source_link l JOIN customer c ON c.id = l.customer_id WHERE l.withdrawn_at IS NOT NULL`,
    );
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const w of withdrawn) {
      expect(w.name).toBeNull();
      expect(w.phone).toBeNull();
      const [left] = await q(
        `SELECT (SELECT count(*) FROM staging.member WHERE division = $1 AND member_no = $2 AND (name IS NOT NULL OR phone_raw IS NOT NULL))::int AS staged,
                (SELECT count(*) FROM etl_rejected_row WHERE strpos(raw, $2) > 0)::int AS rejected,
                (SELECT count(*) FROM receipt WHERE source_code = $1 AND source_member_no = $2)::int AS receipts,
                (SELECT count(*) FROM customer_attribute_history WHERE source_code = $1 AND source_ref = $2 AND new_value IS NOT NULL)::int AS history`,
        [w.source_code, w.member_no],
      );
      expect(left).toEqual({ staged: 0, rejected: 0, receipts: 0, history: 0 });
      if (w.status === "WITHDRAWN") {
        expect(w.golden).toBeNull();
        const [h] = await q(
          `SELECT count(*)::int AS n FROM customer_attribute_history WHERE customer_id = $1 AND new_value IS NOT NULL`,
          [w.customer_id],
        );
        expect(h.n).toBe(0);
        const [m] = await q(
          `SELECT count(*)::int AS n FROM customer_merge WHERE $1 IN (survivor_id, merged_id) AND NOT snapshot ? 'erased'`,
          [w.customer_id],
        );
        expect(m.n).toBe(0);
      }
    }
    const [anonymous] = await q(`SELECT count(*)::int AS n FROM receipt WHERE customer_id IS NULL`);
    expect(anonymous.n).toBeGreaterThan(0);

    // Points: every customer's balance (Σ point_entry) is what its receipts earned minus used
    // (customers with a withdrawn membership are left out: those receipts became anonymous).
    const mismatched = await q(
      `SELECT c.id FROM customer c
         LEFT JOIN (SELECT customer_id, sum(points) AS p FROM point_entry GROUP BY customer_id) e ON e.customer_id = c.id
         LEFT JOIN (SELECT customer_id, sum(points_earned - points_used) AS p FROM receipt GROUP BY customer_id) r ON r.customer_id = c.id
        WHERE NOT EXISTS (SELECT 1 FROM customer_source_link l WHERE l.customer_id = c.id AND l.withdrawn_at IS NOT NULL)
          AND coalesce(e.p, 0) <> coalesce(r.p, 0)`,
    );
    expect(mismatched).toEqual([]);
    const [expiry] = await q(
      `SELECT count(*)::int AS n FROM point_entry WHERE kind = 'EARN' AND points > 0
          AND expires_on <> (date_trunc('month', occurred_on) + interval '25 months' - interval '1 day')::date`,
    );
    expect(expiry.n).toBe(0);
    expect(first.points).toBeGreaterThan(0);

    // Re-running the delivery changes nothing.
    expect(await run(out)).toBe(0);
    expect(await counts()).toEqual(first);
  }, 300_000);
});
