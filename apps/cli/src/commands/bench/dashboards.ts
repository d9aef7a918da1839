/**
 * `dangol bench dashboards`: the server time of each CRM dashboard (all its queries, run the way
 * the page runs them: in parallel on a small pool) p50/p95 over N runs, unfiltered and with a
 * format filter, on the demo scale (50k synthetic customers, `dangol_bench_demo`, built once and
 * shared with `bench segments`) and on the bench scale (`dangol_bench_synthetic`, 1M customers).
 * The issue's target: under 1 s per dashboard at the demo scale.
 */
import { spawn } from "node:child_process";
import { runAnalyticsRefresh } from "@dangol/analytics";
import {
  type DashboardFilters,
  type DashboardSql,
  loadCrossFormatView,
  loadDataStatus,
  loadOverview,
  loadRfmView,
  loadTierView,
} from "@dangol/analytics/dashboards";
import { deployMigrations, withDatabase } from "@dangol/db/migrate";
import { testAdminUrl } from "@dangol/db/testing";
import { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { ensureSyntheticAnalyticsWarehouse, SYNTHETIC_ANALYTICS_DATABASE } from "./analytics-synthetic.ts";
import { type BenchRow, formatBenchTable, percentile, writeBenchResult } from "./report.ts";

export const DEMO_BENCH_DATABASE = "dangol_bench_demo";
const DEMO_CUSTOMERS = 50_000;
/** The lock whoever builds dangol_bench_demo holds (bench segments uses the same file with flock(1)). */
const DEMO_LOCK = "/tmp/bench-demo.lock";

const options = z.object({
  runs: z.coerce
    .number({ error: "--runs must be a number" })
    .int()
    .min(1, "--runs must be at least 1")
    .max(100, "--runs must be at most 100"),
  bench: z.boolean(),
});

const DASHBOARDS: { name: string; load: (sql: DashboardSql, f: DashboardFilters) => Promise<unknown> }[] = [
  { name: "overview", load: loadOverview },
  { name: "tiers", load: loadTierView },
  { name: "rfm", load: loadRfmView },
  { name: "cross-format", load: loadCrossFormatView },
  { name: "data-status", load: (sql) => loadDataStatus(sql) },
];

const FILTERS: { label: string; filters: DashboardFilters }[] = [
  { label: "all", filters: { format: null, sido: null, months: 12 } },
  { label: "format=MART", filters: { format: "MART", sido: null, months: 12 } },
];

export function dashboardsBenchCommand(): Command {
  return new Command("dashboards")
    .description("server time of each dashboard's queries, p50/p95, at 50k (dangol_bench_demo) and 1M customers")
    .option("--runs <n>", "runs per dashboard and filter (after one warm-up)", "10")
    .option("--no-bench", `skip the 1M figures on ${SYNTHETIC_ANALYTICS_DATABASE}`)
    .action(async (raw: unknown) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      await benchDashboards(parsed.data);
    });
}

async function benchDashboards(o: z.output<typeof options>): Promise<void> {
  const startedAt = new Date().toISOString();
  const say = (text: string) => process.stderr.write(`${text}\n`);
  const notes: string[] = [];
  const bases = [{ scale: "demo 50k", url: await demoBase(say, notes) }];
  if (o.bench) bases.push({ scale: "bench 1M", url: await benchBase(notes) });

  const rows: BenchRow[] = [];
  for (const base of bases) {
    const pool = new pg.Pool({ connectionString: base.url, max: 5 });
    const sql: DashboardSql = (text, values) => pool.query(text, values).then((r) => r.rows);
    try {
      for (const dashboard of DASHBOARDS) {
        for (const variant of FILTERS) {
          say(`${base.scale} ${dashboard.name} ${variant.label} …`);
          await dashboard.load(sql, variant.filters);
          const times: number[] = [];
          for (let run = 0; run < o.runs; run++) {
            const started = performance.now();
            await dashboard.load(sql, variant.filters);
            times.push(performance.now() - started);
          }
          rows.push({
            scale: base.scale,
            dashboard: dashboard.name,
            filters: variant.label,
            p50_ms: Math.round(percentile(times, 50)),
            p95_ms: Math.round(percentile(times, 95)),
            under_1s: percentile(times, 95) < 1000 ? "yes" : "no",
          });
        }
      }
    } finally {
      await pool.end();
    }
  }
  notes.push(
    `${o.runs} timed run(s) after one warm-up; wall time of all of a dashboard's queries in parallel on a 5-connection pool, as the page runs them`,
    "the month trend and the gained-format figures read the dashboard.* materialised views the analytics refresh keeps",
  );
  console.log(formatBenchTable(rows));
  const file = writeBenchResult({ bench: "dashboards", startedAt, parameters: { runs: o.runs }, rows, notes });
  for (const note of notes) console.log(`- ${note}`);
  console.log(`\nwritten ${file}`);
}

/** 50k synthetic customers with two years of sales and published analytics, built once under the lock. */
async function demoBase(say: (line: string) => void, notes: string[]): Promise<string> {
  return withFlock(DEMO_LOCK, async () => {
    const built = await ensureSyntheticAnalyticsWarehouse(DEMO_CUSTOMERS, say, DEMO_BENCH_DATABASE);
    notes.push(
      `${DEMO_BENCH_DATABASE}: ${DEMO_CUSTOMERS} customers, ${built.builtSeconds === null ? "reused" : `built in ${Math.round(built.builtSeconds)} s`}`,
    );
    await ensureRefreshed(built.url, say, notes);
    return built.url;
  });
}

async function benchBase(notes: string[]): Promise<string> {
  const url = withDatabase(testAdminUrl(), SYNTHETIC_ANALYTICS_DATABASE);
  await deployMigrations(url).catch((error: Error) => {
    throw new CliError(
      `cannot migrate ${SYNTHETIC_ANALYTICS_DATABASE}: ${error.message} (build it with dangol bench analytics --synthetic 1000000)`,
    );
  });
  await ensureRefreshed(url, () => {}, notes);
  return url;
}

/** A base never refreshed gets one refresh (which also fills the dashboard aggregates). */
async function ensureRefreshed(url: string, say: (line: string) => void, notes: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number; last_day: string | null }>(
      `SELECT (SELECT count(*)::int FROM analytics_run WHERE status = 'succeeded') AS n,
              (SELECT to_char(max(business_date), 'YYYY-MM-DD') FROM receipt) AS last_day`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    say(`refreshing analytics on ${new URL(url).pathname.slice(1)} …`);
    const started = performance.now();
    await runAnalyticsRefresh({ databaseUrl: url, asOf: rows[0]?.last_day ?? undefined, trigger: "bench" });
    notes.push(
      `${new URL(url).pathname.slice(1)}: analytics refreshed first, ${Math.round((performance.now() - started) / 1000)} s`,
    );
  } finally {
    await client.end();
  }
}

/**
 * Holds flock(1)'s lock on `file` while `work` runs, so a shell `flock FILE …` elsewhere (bench
 * segments) waits for the same base: the child prints once it holds the lock and keeps it until
 * its stdin closes.
 */
export async function withFlock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const holder = spawn("flock", [file, "sh", "-c", "echo locked; cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new CliError(`flock ${file} exited with ${code}`)));
    holder.stdout.once("data", () => resolve());
  });
  try {
    return await work();
  } finally {
    holder.removeAllListeners("exit");
    holder.stdin.end();
  }
}
