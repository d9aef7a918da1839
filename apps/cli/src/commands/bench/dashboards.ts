/**
 * `dangol bench dashboards`: the server time of each CRM dashboard (all its queries, run the way
 * the page runs them: in parallel on a small pool) p50/p95 over N runs, unfiltered and with a
 * format filter, on the demo scale (50k synthetic customers, `dangol_bench_demo`, built once and
 * shared with `bench segments`) and on the bench scale (`dangol_bench_synthetic`, 1M customers).
 * The issue's target: under 1 s per dashboard at the demo scale.
 */
import {
  type DashboardFilters,
  type DashboardSql,
  loadCrossFormatView,
  loadDataStatus,
  loadOverview,
  loadRfmView,
  loadTierView,
} from "@dangol/analytics/dashboards";
import { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { SYNTHETIC_ANALYTICS_DATABASE } from "./analytics-synthetic.ts";
import { benchBase, demoBase } from "./published-base.ts";
import { type BenchRow, formatBenchTable, percentile, writeBenchResult } from "./report.ts";

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
  if (o.bench) bases.push({ scale: "bench 1M", url: await benchBase(say, notes) });

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
