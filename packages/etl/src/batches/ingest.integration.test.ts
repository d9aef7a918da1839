import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { identifyFeedFile } from "../feeds/index.ts";
import { smMemberLine } from "../identity/sm-member-fixtures.ts";
import { ingestFile } from "./ingest.ts";

// A database of its own: the batches staged here are never loaded into the warehouse, and in the
// shared one another file's load stage would pick them up.
const database = await createTestDatabase("dangol_ingest");
const pool = new pg.Pool({ connectionString: database.url, max: 4 });
const dir = mkdtempSync(join(tmpdir(), "dangol-ingest-"));
afterAll(async () => {
  await pool.end();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A day's SM member file: two members and one line that is not JSON (a rejected row). */
function memberFile(ymd: string) {
  const name = `sm_members_${ymd}.jsonl`;
  const changedAt = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}T09:00:00+09:00`;
  const lines = [
    smMemberLine({ id: `S${ymd}1`, name: "김하나", birth: "1990-01-02", phone: "010-1111-2222" }, changedAt),
    smMemberLine({ id: `S${ymd}2`, name: "이두리", birth: "1985-03-04", phone: "010-3333-4444" }, changedAt),
    "{not json",
  ];
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
  return { path: join(dir, name), file: identifyFeedFile(name)! };
}

const countsOf = ({ rowsIn, loaded, rejected, skipped, findings }: Awaited<ReturnType<typeof ingestFile>>) => ({
  rowsIn,
  loaded,
  rejected,
  skipped,
  findings,
});

describe("ingestFile: a file already loaded", () => {
  it("reports its own counts to a retry of the job that loaded it, duplicate_file to any other", async () => {
    const delivered = memberFile("20250110");
    const first = await ingestFile({ pool, ...delivered, jobKey: "j@1" });
    expect(first.status).toBe("loaded");
    expect(countsOf(first)).toMatchObject({ rowsIn: 3, loaded: 2, rejected: 1, skipped: 0 });

    const retry = await ingestFile({ pool, ...delivered, jobKey: "j@1" });
    expect(retry.status).toBe("loaded");
    expect(retry.batchId).toBe(first.batchId);
    expect(countsOf(retry)).toEqual(countsOf(first));

    // The same job id enqueued again by a later run is another job, and so is a caller without one.
    for (const jobKey of ["j@2", undefined]) {
      const other = await ingestFile({ pool, ...delivered, jobKey });
      expect(other.status).toBe("duplicate_file");
      expect(countsOf(other)).toEqual({ rowsIn: 3, loaded: 0, rejected: 0, skipped: 3, findings: {} });
    }
  });

  it("a retry that waited on the first attempt's open staging transaction reports that attempt's load", async () => {
    const delivered = memberFile("20250111");
    const first = await ingestFile({ pool, ...delivered, jobKey: "k@1" });
    expect(first.status).toBe("loaded");
    const stored = await pool.query(
      `SELECT rows_in, loaded, rejected, skipped, findings, ingest_job, started_at FROM etl_batch WHERE id = $1`,
      [first.batchId],
    );
    // Back to how the first attempt left the row while staging, with its staging transaction's
    // lock held (lockBatch): the retry claims a RUNNING batch and blocks in markRunning until the
    // first attempt marks it loaded and commits.
    await pool.query(
      `UPDATE etl_batch SET status = 'RUNNING', rows_in = 0, loaded = 0, rejected = 0, skipped = 0,
              findings = NULL, ingest_job = NULL WHERE id = $1`,
      [first.batchId],
    );
    const attempt = await pool.connect();
    try {
      await attempt.query("BEGIN");
      await attempt.query(`SELECT 1 FROM etl_batch WHERE id = $1 FOR UPDATE`, [first.batchId]);
      const retry = ingestFile({ pool, ...delivered, jobKey: "k@1" });
      await waitForLockWait();
      const { rows_in, loaded, rejected, skipped, findings, ingest_job } = stored.rows[0];
      await attempt.query(
        `UPDATE etl_batch SET status = 'LOADED', rows_in = $2, loaded = $3, rejected = $4, skipped = $5,
                findings = $6::jsonb, ingest_job = $7 WHERE id = $1`,
        [first.batchId, rows_in, loaded, rejected, skipped, JSON.stringify(findings), ingest_job],
      );
      await attempt.query("COMMIT");
      const result = await retry;
      expect(result.status).toBe("loaded");
      expect(countsOf(result)).toEqual(countsOf(first));
    } finally {
      attempt.release();
    }
    // Reported, not staged a second time: markRunning left the loaded batch alone.
    const after = await pool.query(`SELECT status::text AS status, started_at FROM etl_batch WHERE id = $1`, [
      first.batchId,
    ]);
    expect(after.rows[0]).toEqual({ status: "LOADED", started_at: stored.rows[0].started_at });
  });
});

/** Until a session of this database waits on a lock: the retry's markRunning, behind the open transaction. */
async function waitForLockWait(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the retry never waited on the batch row");
}
