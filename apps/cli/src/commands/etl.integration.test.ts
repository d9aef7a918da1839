import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@dangol/db/testing";
import { generate, PLANTED } from "@dangol/etl/generator";
import { createRedis } from "@dangol/jobs";
import { finished, freePort, runTs, startTs, waitFor } from "@dangol/testkit/processes";
import { QueueEvents } from "bullmq";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// Counts here are of the whole warehouse, so this file gets a database of its own: other files of
// the run (importers, analytics) load rows of their own into the shared one.
const database = await createTestDatabase("dangol_etl");
const databaseUrl = database.url;
const prefix = `test-etl-${randomUUID().slice(0, 8)}`;
const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, DANGOL_QUEUE_PREFIX: prefix };

type Row = {
  file: string;
  division: string;
  status: string;
  rowsIn: number;
  loaded: number;
  rejected: number;
  skipped: number;
};
type Truth = {
  path: string;
  rows: number;
  expected: { refused?: true; duplicateFile?: true; rejectedRows?: number; duplicateRows?: number };
};

const roots: string[] = [];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
let worker: ChildProcess;
let workerExit: ReturnType<typeof finished>;

async function startWorker() {
  // a port free now, not a random one: parallel test files run their own servers on this machine
  const port = await freePort();
  worker = startTs("apps/worker/src/main.ts", [], { ...env, WORKER_HEALTH_PORT: String(port), LOG_LEVEL: "warn" });
  workerExit = finished(worker);
  await waitFor(async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return response.status === 200 ? true : undefined;
  }, 30_000);
}

function delivery(options: { scale: "tiny" | number; seed: number; end: string; days?: number; fileFaults?: boolean }) {
  const out = join(mkdtempSync(join(tmpdir(), "dangol-etl-")), "delivery");
  roots.push(out);
  generate({
    scale: options.scale,
    seed: options.seed,
    out,
    end: options.end,
    days: options.days,
    fileFaults: options.fileFaults ?? false,
  });
  const truth = JSON.parse(readFileSync(join(out, PLANTED), "utf8")) as { files: Truth[] };
  return { out, truth: truth.files };
}

async function etlRun(dir: string) {
  const run = await runTs("apps/cli/src/main.ts", ["etl", "run", dir, "--json"], env);
  return { ...run, rows: run.stdout.trim() ? (JSON.parse(run.stdout) as Row[]) : [] };
}

/** Every file reconciles and matches what the generator planted in it. */
function expectReconciled(rows: Row[], truth: Truth[]) {
  expect(rows).toHaveLength(truth.length);
  const problems: string[] = [];
  truth.forEach((t, i) => {
    const r = rows[i]!;
    if (r.rowsIn !== r.loaded + r.rejected + r.skipped) problems.push(`${t.path}: unbalanced ${JSON.stringify(r)}`);
    const e = t.expected;
    // HQ masters do not depend on the seed: an earlier delivery in this run already loaded them.
    const sameMasterAgain = t.path.startsWith("hq/") && r.status === "duplicate_file" && r.skipped === t.rows;
    if (sameMasterAgain) return;
    if (e.refused) {
      if (r.status !== "refused") problems.push(`${t.path}: expected refused, got ${r.status}`);
    } else if (e.duplicateFile) {
      if (r.status !== "duplicate_file" || r.skipped !== t.rows)
        problems.push(`${t.path}: expected duplicate_file, got ${JSON.stringify(r)}`);
    } else if (
      r.status !== "loaded" ||
      r.rowsIn !== t.rows ||
      r.rejected !== e.rejectedRows ||
      r.skipped !== e.duplicateRows
    ) {
      problems.push(
        `${t.path}: expected ${t.rows} rows, ${e.rejectedRows} rejected, ${e.duplicateRows} skipped; got ${JSON.stringify(r)}`,
      );
    }
  });
  expect(problems).toEqual([]);
}

async function batchTotals() {
  const { rows } = await pool.query(
    `SELECT status::text, count(*)::int AS n, sum(rows_in)::int AS rows_in, sum(loaded)::int AS loaded,
            sum(rejected)::int AS rejected, sum(skipped)::int AS skipped
       FROM etl_batch GROUP BY status ORDER BY status`,
  );
  const [rejectedRows] = (await pool.query(`SELECT count(*)::int AS n FROM etl_rejected_row`)).rows;
  const [findings] = (await pool.query(`SELECT count(*)::int AS n FROM etl_finding`)).rows;
  const [staged] = (await pool.query(`SELECT count(*)::int AS n FROM staging.sale_line`)).rows;
  const [warehouse] = (
    await pool.query(
      `SELECT (SELECT count(*) FROM customer)::int AS customers, (SELECT count(*) FROM customer_source_link)::int AS links,
              (SELECT count(*) FROM receipt)::int AS receipts, (SELECT count(*) FROM receipt_line)::int AS lines,
              (SELECT count(*) FROM point_entry)::int AS points,
              (SELECT count(*) FROM etl_batch WHERE status = 'LOADED' AND warehouse_loaded_at IS NULL)::int AS unloaded`,
    )
  ).rows;
  return { batches: rows, rejectedRows: rejectedRows.n, findings: findings.n, staged: staged.n, warehouse };
}

/** No batch is half there: each loaded batch has exactly its `loaded` rows staged. */
async function expectNoHalfBatches() {
  const { rows } = await pool.query(
    `SELECT b.file_name, b.loaded, coalesce(s.n, 0)::int AS staged
       FROM etl_batch b
       LEFT JOIN (SELECT batch_id, count(*) AS n FROM staging.member GROUP BY batch_id
                  UNION ALL SELECT batch_id, count(*) FROM staging.sale_line GROUP BY batch_id) s
         ON s.batch_id = b.id
      WHERE b.feed_kind IN ('member', 'sales')
        AND (b.status IN ('PENDING', 'RUNNING', 'FAILED') OR (b.status = 'LOADED' AND b.loaded <> coalesce(s.n, 0)))`,
  );
  expect(rows).toEqual([]);
}

beforeAll(async () => {
  await startWorker();
}, 60_000);

afterAll(async () => {
  worker.kill("SIGTERM");
  await workerExit;
  const connection = createRedis(redisUrl);
  const { Queue } = await import("bullmq");
  const queue = new Queue("etl", { connection, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  await pool.end();
  await database.drop();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("dangol etl run with the worker as its own process", () => {
  it("reconciles every file of a tiny delivery, and a second run changes nothing", async () => {
    const { out, truth } = delivery({ scale: "tiny", seed: 11, end: "2025-12-31" });
    const first = await etlRun(out);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expectReconciled(first.rows, truth);
    await expectNoHalfBatches();
    const before = await batchTotals();
    // The load stage ran after staging: every staged batch is in the warehouse.
    expect(before.warehouse.unloaded).toBe(0);
    for (const n of [
      before.warehouse.customers,
      before.warehouse.links,
      before.warehouse.lines,
      before.warehouse.points,
    ])
      expect(n).toBeGreaterThan(0);
    const [receipts] = (
      await pool.query(
        `SELECT count(DISTINCT (s.division, s.receipt_key))::int AS n FROM staging.sale_line s
           JOIN staging.current_batch b ON b.batch_id = s.batch_id`,
      )
    ).rows;
    expect(before.warehouse.receipts).toBe(receipts.n);

    const second = await etlRun(out);
    expect(second.code).toBe(0);
    expect(second.rows.every((r) => r.status === "duplicate_file")).toBe(true);
    expect(second.rows.map((r) => r.rowsIn)).toEqual(first.rows.map((r) => r.rowsIn));
    expect(await batchTotals()).toEqual(before);
  }, 180_000);

  it("refuses damaged files, names them, exits 1, and loads their corrections", async () => {
    const { out, truth } = delivery({ scale: "tiny", seed: 12, end: "2025-06-30", fileFaults: true });
    const run = await etlRun(out);
    expect(run.code).toBe(1);
    expectReconciled(run.rows, truth);
    const refused = truth.filter((t) => t.expected.refused).map((t) => t.path);
    expect(refused).toHaveLength(4);
    for (const path of refused) expect(run.stderr).toContain(`${path} refused:`);
  }, 180_000);

  it("finishes a batch cleanly after the worker is SIGKILLed in the middle of it", async () => {
    // The first day's member files hold every existing member: several MB, many progress reports.
    const { out, truth } = delivery({ scale: 50_000, seed: 13, end: "2024-06-30", days: 7 });
    const events = new QueueEvents("etl", { connection: createRedis(redisUrl), prefix });
    await events.waitUntilReady();
    let killedDuring: string | undefined;
    events.on("progress", ({ jobId, data }) => {
      const p = data as { bytesRead: number; totalBytes: number };
      if (!killedDuring && p.bytesRead > 0 && p.bytesRead < p.totalBytes) {
        killedDuring = jobId;
        worker.kill("SIGKILL");
      }
    });
    const running = etlRun(out);
    await waitFor(async () => killedDuring, 120_000);
    await workerExit;
    const [half] = (
      await pool.query(
        `SELECT status::text, loaded FROM etl_batch WHERE status IN ('RUNNING', 'PENDING') ORDER BY id DESC LIMIT 1`,
      )
    ).rows;
    expect(half).toMatchObject({ status: "RUNNING", loaded: 0 });
    await startWorker();
    const run = await running;
    await events.close();
    // The reason a file failed is in the CLI's stderr (a CI run once ended here with code 1).
    expect(run.code, run.stderr).toBe(0);
    expectReconciled(run.rows, truth);
    await expectNoHalfBatches();
    // 50k people: the load stage resolves and writes ~70k members on the first day, too.
  }, 600_000);
});
