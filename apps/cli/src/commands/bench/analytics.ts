/**
 * `dangol bench analytics`: on a loaded warehouse, (1) the full analytics refresh per step with
 * peak memory, (2) the refresh's RFM + lifecycle steps against one hand-written SQL statement
 * computing the same scores, checked to agree, (3) basket-rule mining — ours against
 * node-fpgrowth and Weka's Apriori — on Groceries, the warehouse's baskets and a 100k sample.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  computeRfmLifecycle,
  dayFromIso,
  isoFromDay,
  loadAnalyticsConfig,
  type RefreshProgress,
  readBasketCompositions,
  refreshWindows,
  runAnalyticsRefresh,
} from "@dangol/analytics";
import { findRepoRoot } from "@dangol/config";
import { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import {
  type MinerRun,
  readBasketFile,
  runNodeFpGrowth,
  runOurs,
  runOursOnCompositions,
  runWeka,
  writeArff,
  writeBasketFile,
} from "./analytics-baskets.ts";
import { computeRfmLifecycleSql, countDisagreements } from "./analytics-rfm-sql.ts";
import { ensureSyntheticAnalyticsWarehouse, SYNTHETIC_ANALYTICS_DATABASE } from "./analytics-synthetic.ts";
import { type BenchRow, formatBenchTable, peakRssMib, timed, writeBenchResult } from "./report.ts";

const options = z.object({
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "--database-url must be a postgresql:// URL")
    .optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "--as-of must be YYYY-MM-DD")
    .optional(),
  minSupport: z.coerce.number().gt(0).lte(1),
  minConfidence: z.coerce.number().gte(0).lte(1),
  sample: z.coerce.number().int().min(1),
  wekaTimeout: z.coerce.number().int().min(1),
  repeat: z.coerce.number().int().min(1).max(20),
  skipRefresh: z.boolean().default(false),
  synthetic: z.coerce.number().int().min(1000).max(5_000_000).optional(),
});

/** BENCH_DATABASE_URL, else the `dangol_bench` database on DATABASE_URL's server. */
export function benchDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  if (env.BENCH_DATABASE_URL) return env.BENCH_DATABASE_URL;
  if (!env.DATABASE_URL) throw new CliError("set --database-url, BENCH_DATABASE_URL or DATABASE_URL");
  const url = new URL(env.DATABASE_URL);
  url.pathname = "/dangol_bench";
  return url.toString();
}

export function analyticsBenchCommand(): Command {
  return new Command("analytics")
    .description("analytics refresh, RFM + lifecycle vs hand-written SQL, basket rules vs node-fpgrowth and Weka")
    .option("--database-url <url>", "warehouse to measure (default: BENCH_DATABASE_URL, else dangol_bench)")
    .option("--as-of <YYYY-MM-DD>", "refresh date (default: the warehouse's last business day)")
    .option("--min-support <s>", "rule mining support, the same for every miner and file", "0.01")
    .option("--min-confidence <c>", "rule mining confidence (ours and Weka)", "0.5")
    .option("--sample <n>", "baskets in the sample file Weka also mines", "100000")
    .option("--weka-timeout <seconds>", "give up on one Weka run after this long", "300")
    .option("--repeat <n>", "runs of ours and node-fpgrowth per file; the fastest counts", "3")
    .option("--skip-refresh", "do not run the full refresh (RFM agreement then checks the last published one)")
    .option(
      "--synthetic <customers>",
      `measure a synthetic warehouse of this many customers with two years of sales (${SYNTHETIC_ANALYTICS_DATABASE}, built once)`,
    )
    .action(async (raw: unknown) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      await benchAnalytics(parsed.data);
    });
}

type Options = z.output<typeof options>;

async function benchAnalytics(o: Options): Promise<void> {
  const startedAt = new Date().toISOString();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const say = (text: string) => process.stderr.write(`${text}\n`);
  if (o.synthetic && o.databaseUrl) throw new CliError("--synthetic builds its own warehouse: drop --database-url");
  const synthetic = o.synthetic ? await ensureSyntheticAnalyticsWarehouse(o.synthetic, say) : null;
  if (synthetic)
    notes.push(
      `synthetic warehouse ${SYNTHETIC_ANALYTICS_DATABASE} (${synthetic.builtSeconds === null ? "reused" : `built in ${Math.round(synthetic.builtSeconds)} s`}): ${o.synthetic} customers, two years of sales`,
    );
  const databaseUrl = synthetic?.url ?? o.databaseUrl ?? benchDatabaseUrl();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "bench-analytics" });
  await client.connect().catch((error: Error) => {
    throw new CliError(`cannot connect to ${redact(databaseUrl)}: ${error.message}`);
  });
  const work = mkdtempSync(path.join(tmpdir(), "dangol-bench-analytics-"));
  try {
    // Size of what is measured.
    const size = await warehouseSize(client);
    if (size.receipts === 0) throw new CliError(`${redact(databaseUrl)} has no receipts: load a warehouse first`);
    const asOf = o.asOf ?? size.lastDay!;
    say(`warehouse ${redact(databaseUrl)}: ${JSON.stringify(size)}; as of ${asOf}`);
    rows.push(
      { section: "warehouse", measure: "customers", value: size.customers },
      { section: "warehouse", measure: "receipts", value: size.receipts },
      { section: "warehouse", measure: "receipt lines", value: size.lines },
    );

    // 1. The full refresh.
    if (!o.skipRefresh) {
      say("full refresh …");
      const rssBefore = peakRssMib();
      const backends = new BackendMemory(client);
      const tempBefore = await tempBytes(client);
      const refresh = await timed(() =>
        runAnalyticsRefresh({
          databaseUrl,
          asOf,
          trigger: "bench",
          onProgress: async (p: RefreshProgress) => {
            await backends.sample();
            say(`  ${p.step} ${p.progress}%`);
          },
        }),
      );
      for (const [step, ms] of Object.entries(refresh.value.durations)) {
        rows.push({ section: "refresh", measure: `step ${step}`, ours_s: ms / 1000 });
      }
      rows.push(
        { section: "refresh", measure: "total", ours_s: refresh.seconds },
        { section: "refresh", measure: "peak RSS MiB (this process, VmHWM)", value: peakRssMib() },
        { section: "refresh", measure: "RSS MiB before the refresh", value: rssBefore },
        { section: "refresh", measure: "peak RSS MiB (Postgres backends, max)", value: backends.peak() },
        { section: "refresh", measure: "Postgres temp file MiB", value: mib((await tempBytes(client)) - tempBefore) },
      );
      notes.push(
        "refresh peak RSS is the CLI process's VmHWM, taken right after the refresh (it ran first, in-process)",
        "Postgres backend RSS counts the shared buffers the backend touched; temp MiB is pg_stat_database.temp_bytes growth (whole database)",
      );
    }

    // 2. RFM + lifecycle: the refresh's code vs one SQL statement.
    say("RFM + lifecycle …");
    const config = await loadAnalyticsConfig(client);
    const w = refreshWindows(dayFromIso(asOf), config);
    const ours = await withClients(databaseUrl, (reader) =>
      timed(() => computeRfmLifecycle(reader, client, { asOf, table: "bench_rfm_ours" })),
    );
    const baseline = await timed(() => computeRfmLifecycleSql(client, "bench_rfm_sql", config, w));
    const disagree = await countDisagreements(client, "bench_rfm_ours", "bench_rfm_sql");
    rows.push({
      section: "rfm+lifecycle",
      measure: `${ours.value.customers.toLocaleString("en-US")} customers`,
      ours_s: ours.seconds,
      baseline: "hand-written SQL",
      baseline_s: baseline.seconds,
      ratio: ours.seconds / baseline.seconds,
      differing: disagree,
    });
    if (!o.skipRefresh || (await hasPublished(client, asOf))) {
      rows.push({
        section: "rfm+lifecycle",
        measure: "published customer_metrics vs SQL",
        differing: await countDisagreements(client, "customer_metrics", "bench_rfm_sql"),
      });
    }
    notes.push(
      "rfm+lifecycle ours = the refresh's aggregate (buildCustomerInput, which also gathers tier/format inputs) + quintiles + lifecycle rule, into a temp table; baseline = CREATE TEMP TABLE AS one SELECT",
    );

    // 3. Basket rules on the same files for every miner.
    const thresholds = { minSupport: o.minSupport, minConfidence: o.minConfidence };
    notes.push(
      `rule thresholds for every miner and file: support ≥ ${o.minSupport}, confidence ≥ ${o.minConfidence} (Weka: -U 1 -D ${1 - o.minSupport} -M ${o.minSupport}, -N 1000000); no length limit but ours' default max 10 items`,
      "each file is read once with dangol analyze rules' reader (time shown); ours = mineRules on it (itemsets + rules), node-fpgrowth = frequent itemsets only, both the fastest of --repeat runs; Weka = one whole java process (JVM start, ARFF parse, rules with multi-item consequents)",
    );
    const { compositions, baskets } = await readBasketCompositions(client, config.baskets, w, "category");
    const full = path.join(work, "bench-baskets.csv");
    await writeBasketFile(full, compositions);
    const every = Math.max(1, Math.floor(baskets / o.sample));
    const sample = path.join(work, "bench-sample.csv");
    const sampled = await writeBasketFile(sample, compositions, every);
    const groceries = path.join(findRepoRoot(), "../shared/data/groceries/groceries_basket.csv");
    const files = [
      { name: "Groceries (9,835)", file: groceries, weka: true },
      { name: `warehouse category baskets (${baskets.toLocaleString("en-US")})`, file: full, weka: false },
      { name: `warehouse sample (${sampled.toLocaleString("en-US")}, every ${every})`, file: sample, weka: true },
    ];
    for (const f of files) {
      say(`rules on ${f.name} …`);
      const read = await readBasketFile(f.file);
      rows.push({ section: "rules", measure: `${f.name}: read file (shared)`, ours_s: read.seconds });
      const mine = await runOurs(read.baskets, thresholds, o.repeat);
      const fp = await runNodeFpGrowth(read.baskets, o.minSupport, o.repeat);
      rows.push(minerRow(f.name, "node-fpgrowth (itemsets)", mine, fp));
      if (f.weka) {
        const arff = path.join(work, `${path.basename(f.file)}.arff`);
        await writeArff(arff, read.baskets);
        const weka = await runWeka(arff, thresholds, o.wekaTimeout);
        rows.push(minerRow(f.name, "Weka Apriori", mine, weka, o.wekaTimeout));
      }
    }
    const refreshPath = await runOursOnCompositions(compositions, thresholds, o.repeat);
    rows.push({
      section: "rules",
      measure: `warehouse baskets as the refresh mines them (${compositions.length.toLocaleString("en-US")} distinct contents with counts)`,
      ours_s: refreshPath.seconds,
      ours_found: refreshPath.found,
    });
    notes.push(`basket window ${isoFromDay(w.basketFrom)} … ${asOf}, category level ${config.baskets.categoryLevel}`);

    process.stdout.write(`${formatBenchTable(rows)}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
    const file = writeBenchResult({
      bench: "analytics",
      startedAt,
      parameters: {
        database: redact(databaseUrl),
        asOf,
        ...thresholds,
        sample: o.sample,
        wekaTimeout: o.wekaTimeout,
        repeat: o.repeat,
      },
      rows,
      notes,
    });
    process.stdout.write(`\nwritten ${path.relative(process.cwd(), file)}\n`);
  } finally {
    await client.end().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
}

function minerRow(file: string, baseline: string, ours: MinerRun, other: MinerRun, timeout?: number): BenchRow {
  const otherSeconds = other.timedOut
    ? `timeout > ${timeout} s`
    : other.error
      ? `error: ${other.error}`
      : other.seconds;
  return {
    section: "rules",
    measure: file,
    ours_s: ours.seconds,
    ours_found: ours.found,
    baseline,
    baseline_s: otherSeconds,
    baseline_found: other.found,
    ratio: typeof otherSeconds === "number" ? ours.seconds / otherSeconds : null,
  };
}

async function warehouseSize(client: pg.Client) {
  const { rows } = await client.query<{ customers: number; receipts: number; lines: number; last_day: string | null }>(
    `SELECT (SELECT count(*) FROM customer WHERE status <> 'MERGED')::int AS customers,
            (SELECT count(*) FROM receipt)::int AS receipts,
            (SELECT count(*) FROM receipt_line)::int AS lines,
            (SELECT to_char(max(business_date), 'YYYY-MM-DD') FROM receipt) AS last_day`,
  );
  const r = rows[0]!;
  return { customers: r.customers, receipts: r.receipts, lines: r.lines, lastDay: r.last_day };
}

async function hasPublished(client: pg.Client, asOf: string): Promise<boolean> {
  const { rows } = await client.query("SELECT 1 FROM customer_metrics WHERE as_of = $1::date LIMIT 1", [asOf]);
  return rows.length > 0;
}

async function tempBytes(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ bytes: string }>(
    "SELECT temp_bytes::text AS bytes FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(rows[0]?.bytes ?? 0);
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * Peak RSS of the refresh's Postgres backends: at each progress step, VmHWM of every backend whose
 * application_name starts with "analytics-" (the kernel's high-water mark, so a sample per step
 * misses nothing but what happens after the last one). Needs the server on this machine.
 */
class BackendMemory {
  #peak: number | null = null;
  constructor(private readonly client: pg.Client) {}
  async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'analytics-%' AND datname = current_database()",
    );
    for (const { pid } of rows) {
      const rss = peakRssMib(pid);
      if (rss !== null) this.#peak = Math.max(this.#peak ?? 0, rss);
    }
  }
  peak(): number | null {
    return this.#peak;
  }
}

async function withClients<T>(databaseUrl: string, work: (reader: pg.Client) => Promise<T>): Promise<T> {
  const reader = new pg.Client({ connectionString: databaseUrl, application_name: "bench-analytics-reader" });
  await reader.connect();
  try {
    return await work(reader);
  } finally {
    await reader.end().catch(() => {});
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString();
  } catch {
    return "(database)";
  }
}
