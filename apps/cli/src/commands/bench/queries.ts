/**
 * `dangol bench queries`: ten typical analyst questions (queries-questions.ts) on a warehouse,
 * each run through the workbench's execution path (executeAnalystQuery: its own connection as
 * the query role, READ ONLY transaction, the text as a subquery under LIMIT row cap + 1, typed
 * JSON-safe rows) and
 * through `psql -c` as the same role with the same limits, alternating which goes first.
 *
 * Both sides are timed as wall clock from "start" to "all rows in hand", connection included:
 * that is what an analyst waits for. psql additionally pays its process start, which the worker
 * does not; a `SELECT 1` row measures that floor so the short questions' ratios can be read
 * against it. psql's own \timing would leave out the connection and bias the comparison the
 * other way, since ours always opens a fresh one.
 */
import { spawn } from "node:child_process";
import { runAnalyticsRefresh } from "@dangol/analytics";
import { parseEnv, queryEnv } from "@dangol/config";
import { deployMigrations, setQueryRolePassword, withDatabase } from "@dangol/db/migrate";
import { testAdminUrl } from "@dangol/db/testing";
import { analystConnectionString, executeAnalystQuery, WORKBENCH_DEFAULTS } from "@dangol/workbench";
import { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { ensureSyntheticAnalyticsWarehouse, SYNTHETIC_ANALYTICS_DATABASE } from "./analytics-synthetic.ts";
import { ANALYST_QUESTIONS, type AnalystQuestion } from "./queries-questions.ts";
import { type BenchRow, formatBenchTable, percentile, writeBenchResult } from "./report.ts";

const options = z.object({
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "--database-url must be a postgresql:// URL")
    .optional(),
  synthetic: z.coerce
    .number({ error: "--synthetic must be a number of customers" })
    .int()
    .min(1000, "--synthetic must be at least 1,000 customers")
    .max(5_000_000, "--synthetic must be at most 5,000,000 customers")
    .optional(),
  runs: z.coerce
    .number({ error: "--runs must be a number" })
    .int()
    .min(1, "--runs must be at least 1")
    .max(20, "--runs must be at most 20"),
  timeout: z.coerce
    .number({ error: "--timeout must be a number of milliseconds" })
    .int()
    .min(1000, "--timeout must be at least 1000 ms")
    .max(3_600_000, "--timeout must be at most one hour"),
});
type Options = z.output<typeof options>;

const round = (ms: number) => Math.round(ms * 10) / 10;
const ratio = (ours: number, baseline: number) => Math.round((ours / baseline) * 100) / 100;

export function queriesBenchCommand(): Command {
  return new Command("queries")
    .description("ten analyst questions through the workbench's execution path vs the same SQL in psql, same role")
    .option(
      "--database-url <url>",
      `warehouse to measure (default: the synthetic bench base ${SYNTHETIC_ANALYTICS_DATABASE})`,
    )
    .option(
      "--synthetic <customers>",
      `build (or reuse) ${SYNTHETIC_ANALYTICS_DATABASE} with this many customers and two years of sales`,
    )
    .option("--runs <n>", "runs of each path per question; the median counts", "3")
    .option("--timeout <ms>", "statement timeout for both paths (the workbench's default is 30 s)", "600000")
    .action(async (raw: unknown) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      await benchQueries(parsed.data);
    });
}

async function benchQueries(o: Options): Promise<void> {
  const startedAt = new Date().toISOString();
  const say = (text: string) => process.stderr.write(`${text}\n`);
  const notes: string[] = [];
  if (o.synthetic && o.databaseUrl) throw new CliError("--synthetic builds its own warehouse: drop --database-url");

  const databaseUrl = await warehouse(o, say, notes);
  const analyst = analystConnectionString(databaseUrl);
  const ours: Side = async (sql) => {
    const started = performance.now();
    const result = await executeAnalystQuery(
      analyst,
      { text: sql, values: [] },
      { timeoutMs: o.timeout, rowCap: WORKBENCH_DEFAULTS.rowCap },
    );
    return { ms: performance.now() - started, rows: result.rowCount };
  };
  const sides: Record<string, Side> = { ours, psql: psqlRunner(analyst, o.timeout) };
  const names = Object.keys(sides);

  const floor: AnalystQuestion = { key: "floor", title: "floor: SELECT 1 (connect + round trip)", sql: "SELECT 1" };
  const rows: BenchRow[] = [];
  for (const question of [floor, ...ANALYST_QUESTIONS]) {
    say(`${question.title} …`);
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const rowCounts: Record<string, number> = {};
    for (let run = 0; run < o.runs; run++) {
      // Rotate the order so no side always gets the others' warm cache.
      for (let i = 0; i < names.length; i++) {
        const name = names[(run + i) % names.length]!;
        const r = await sides[name]!(question.sql);
        times[name]!.push(r.ms);
        rowCounts[name] = r.rows;
      }
    }
    for (const name of names) {
      if (rowCounts[name] !== rowCounts.ours) {
        notes.push(`${question.key}: ours returned ${rowCounts.ours} rows, ${name} ${rowCounts[name]}`);
      }
    }
    const p50 = (name: string) => percentile(times[name]!, 50);
    const row: BenchRow = {
      query: question.title,
      rows: rowCounts.ours ?? 0,
      ours_p50_ms: round(p50("ours")),
      psql_p50_ms: round(p50("psql")),
      ratio: ratio(p50("ours"), p50("psql")),
    };
    rows.push(row);
    say(`  ${names.map((n) => `${n} ${times[n]!.map(round).join(", ")} ms`).join("; ")}`);
  }

  notes.push(
    `${o.runs} run(s) per side and question, order rotating; p50 = nearest-rank median of wall time from start to all rows in hand, connection included`,
    "ours = executeAnalystQuery (fresh connection as the query role, BEGIN READ ONLY + SET LOCAL limits + pg_backend_pid in one round trip, SELECT * FROM (<sql>) LIMIT row cap + 1 via Parse/Bind, JSON-safe type parsing, ROLLBACK, close)",
    `psql = psql -X -q -A -t -c <sql> as the same role with PGOPTIONS statement_timeout=${o.timeout} and TimeZone=Asia/Seoul, rows read from its stdout; includes psql's process start (see the floor row)`,
  );
  console.log(formatBenchTable(rows));
  const file = writeBenchResult({
    bench: "queries",
    startedAt,
    parameters: { database: new URL(databaseUrl).pathname.slice(1), runs: o.runs, timeoutMs: o.timeout },
    rows,
    notes,
  });
  for (const note of notes) console.log(`- ${note}`);
  console.log(`\nwritten ${file}`);
}

/**
 * The warehouse to measure, migrated to the latest migration (the analytics views and the query
 * role's grants live there) and with published analytics (customer_metrics and the cycles feed
 * four of the questions): a base that was never refreshed gets one refresh first.
 */
async function warehouse(o: Options, say: (line: string) => void, notes: string[]): Promise<string> {
  let url = o.databaseUrl;
  if (o.synthetic) {
    const synthetic = await ensureSyntheticAnalyticsWarehouse(o.synthetic, say);
    notes.push(
      `synthetic warehouse ${SYNTHETIC_ANALYTICS_DATABASE} (${synthetic.builtSeconds === null ? "reused" : `built in ${Math.round(synthetic.builtSeconds)} s`}): ${o.synthetic} customers, two years of sales`,
    );
    url = synthetic.url;
  }
  url ??= withDatabase(testAdminUrl(), SYNTHETIC_ANALYTICS_DATABASE);
  await deployMigrations(url).catch((error: Error) => {
    throw new CliError(
      `cannot migrate ${new URL(url).pathname.slice(1)}: ${error.message} (build the bench base with --synthetic N)`,
    );
  });
  const role = parseEnv(queryEnv);
  if (role.QUERY_DB_PASSWORD) await setQueryRolePassword(url, role.QUERY_DB_USER, role.QUERY_DB_PASSWORD);

  const client = new pg.Client({ connectionString: url, application_name: "bench-queries" });
  await client.connect();
  try {
    const { rows } = await client.query<{ receipts: string; metrics: string; last_day: string | null }>(
      `SELECT (SELECT count(*) FROM receipt) AS receipts, (SELECT count(*) FROM customer_metrics) AS metrics,
              (SELECT max(business_date)::text FROM receipt) AS last_day`,
    );
    const size = rows[0]!;
    if (Number(size.receipts) === 0) throw new CliError("the warehouse has no receipts: load one or use --synthetic N");
    if (Number(size.metrics) === 0) {
      say(`no published analytics yet: refreshing as of ${size.last_day} …`);
      const started = performance.now();
      await runAnalyticsRefresh({ databaseUrl: url, asOf: size.last_day ?? undefined, trigger: "bench" });
      notes.push(`analytics refreshed first (none published), ${Math.round((performance.now() - started) / 1000)} s`);
    }
    const counts = await client.query<{ customers: string; receipts: string; lines: string }>(
      `SELECT (SELECT count(*) FROM customer) AS customers, (SELECT count(*) FROM receipt) AS receipts,
              (SELECT count(*) FROM receipt_line) AS lines`,
    );
    const c = counts.rows[0]!;
    notes.push(`warehouse: ${c.customers} customers, ${c.receipts} receipts, ${c.lines} receipt lines`);
  } finally {
    await client.end();
  }
  return url;
}

/**
 * psql as the query role: the password goes through PGPASSWORD rather than argv, and the
 * executor's limits (statement timeout, Seoul time zone) as startup options.
 */
type Side = (sql: string) => Promise<{ ms: number; rows: number }>;

function psqlRunner(connectionString: string, timeoutMs: number): Side {
  const url = new URL(connectionString);
  const password = decodeURIComponent(url.password);
  url.password = "";
  const env = {
    ...process.env,
    PGPASSWORD: password,
    PGOPTIONS: `-c statement_timeout=${timeoutMs} -c TimeZone=Asia/Seoul`,
    PGAPPNAME: "bench-queries-psql",
  };
  return (sql) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url.toString(), "-c", sql], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let newlines = 0;
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 10) newlines++;
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on("error", (error) => reject(new CliError(`cannot run psql: ${error.message}`)));
      child.on("close", (code) => {
        const ms = performance.now() - started;
        if (code === 0) resolve({ ms, rows: newlines });
        else reject(new CliError(`psql failed (${code}): ${stderr.trim()}`));
      });
    });
}
