/**
 * `dangol bench etl`: the whole ETL as the product runs it (a generated delivery, `dangol etl run`
 * against a separate worker process) on a fresh database, then, in the same run, raw COPY of the
 * same rows into unindexed tables — the baseline the issue compares against — raw COPY of the
 * warehouse rows the run wrote (the bound any load of them meets), and the identity resolution's
 * pairwise precision/recall against the generator's truth.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseEnv, findRepoRoot, parseEnv, redisEnv } from "@dangol/config";
import { deployMigrations, dropDatabase, withDatabase } from "@dangol/db/migrate";
import { createTestDatabase, testAdminUrl } from "@dangol/db/testing";
import { generate, SCALE_PRESETS } from "@dangol/etl/generator";
import { WAREHOUSE_TABLES } from "@dangol/etl/load";
import { createRedis, JobProducer } from "@dangol/jobs";
import { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { runDelivery } from "../etl/follow.ts";
import { planDelivery } from "../etl/plan.ts";
import { startBenchWorker } from "./bench-worker.ts";
import { copyBaseline, STAGING_TABLES } from "./copy-baseline.ts";
import { warehouseIdentityQuality } from "./identity-quality.ts";
import { type BenchRow, formatBenchTable, peakRssMib, timed, writeBenchResult } from "./report.ts";

const wholeNumber = (what: string) => z.string().regex(/^\d+$/, `${what} must be a whole number`).transform(Number);

const BenchEtlOptions = z.object({
  scale: z.union([z.enum(Object.keys(SCALE_PRESETS) as [keyof typeof SCALE_PRESETS]), wholeNumber("--scale")], {
    error: `--scale: use ${Object.keys(SCALE_PRESETS).join(", ")} or a number of customers`,
  }),
  seed: wholeNumber("--seed"),
  days: wholeNumber("--days").optional(),
  delivery: z.string().min(1).optional(),
  keep: z.boolean().default(false),
});

/** The database `--keep` leaves loaded for `dangol bench analytics` and for looking around. */
export const BENCH_DATABASE = "dangol_bench";

/** A delivery reused between runs: generating the bench scale takes minutes, the files do not change. */
function ensureDelivery(options: z.infer<typeof BenchEtlOptions>): { dir: string; generatedSeconds: number | null } {
  if (options.delivery) {
    if (!existsSync(path.join(options.delivery, "delivery_manifest.json")))
      throw new CliError(`--delivery ${options.delivery}: no delivery_manifest.json there (run dangol generate)`);
    return { dir: path.resolve(options.delivery), generatedSeconds: null };
  }
  const dir = path.join(
    findRepoRoot(),
    ".data",
    "bench",
    `delivery-${options.scale}-seed${options.seed}-days${options.days ?? "default"}`,
  );
  // The manifest is written last: without it an earlier generation was interrupted.
  if (existsSync(path.join(dir, "delivery_manifest.json"))) return { dir, generatedSeconds: null };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const summary = generate({
    scale: options.scale,
    seed: options.seed,
    days: options.days,
    out: dir,
    fileFaults: false,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  return { dir, generatedSeconds: summary.seconds };
}

async function freshDatabase(keep: boolean): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!keep) return createTestDatabase("dangol_bench_etl");
  const url = withDatabase(testAdminUrl(), BENCH_DATABASE);
  await dropDatabase(url);
  await deployMigrations(url);
  return { url, drop: async () => {} };
}

async function warehouseCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT
        (SELECT count(*) FROM customer WHERE status IN ('ACTIVE', 'INFERRED'))::int AS customers,
        (SELECT count(*) FROM customer_source_link)::int AS links,
        (SELECT count(*) FROM receipt)::int AS receipts,
        (SELECT count(*) FROM receipt_line)::int AS lines,
        (SELECT count(*) FROM point_entry)::int AS point_entries,
        (SELECT count(*) FROM etl_batch WHERE status = 'LOADED' AND warehouse_loaded_at IS NULL)::int AS unloaded_batches,
        (SELECT coalesce(sum((warehouse_stats->>'seconds')::float), 0) FROM etl_batch)::float AS load_stage_seconds`);
    return rows[0];
  } finally {
    await client.end();
  }
}

export function etlBenchCommand(): Command {
  return new Command("etl")
    .description(
      "generate a delivery, load it through the worker end to end, compare rows/s with raw COPY of the same rows; identity precision/recall",
    )
    .option("--scale <size>", `${Object.keys(SCALE_PRESETS).join(" | ")} | <customers>`, "bench")
    .option("--seed <n>", "generator seed", "1")
    .option("--days <n>", "business days of history (default: the scale's)")
    .option("--delivery <dir>", "use this generated delivery instead of generating one under .data/bench/")
    .option("--keep", `leave the loaded warehouse in the database ${BENCH_DATABASE} (for dangol bench analytics)`)
    .action(async (raw: Record<string, unknown>) => {
      const parsed = BenchEtlOptions.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      const options = parsed.data;
      const startedAt = new Date().toISOString();
      const { REDIS_URL } = parseEnv(redisEnv);
      parseEnv(databaseEnv);

      const { dir, generatedSeconds } = ensureDelivery(options);
      const plan = await planDelivery(dir);
      const database = await freshDatabase(options.keep);
      const prefix = `bench-${Date.now()}`;
      const worker = await startBenchWorker({ DATABASE_URL: database.url, REDIS_URL, DANGOL_QUEUE_PREFIX: prefix });
      const connection = createRedis(REDIS_URL);
      const producer = new JobProducer(connection, prefix);
      try {
        let done = 0;
        const etl = await timed(() =>
          runDelivery(producer, connection, prefix, plan, (count, total, report) => {
            done = count;
            if (count % 25 === 0 || count === total)
              process.stderr.write(`etl ${done}/${total} files (${report.file})\n`);
          }),
        );
        const workerPeakMib = peakRssMib(worker.pid);
        // The worker queues its follow-ups (analytics refresh) once the delivery is in: stop it so
        // they neither count as ETL nor compete with the baseline.
        await worker.stop();
        const reports = etl.value;
        const bad = reports.filter((r) => r.status === "refused" || r.status === "failed");
        if (bad.length > 0)
          throw new CliError(
            `${bad[0]!.path} ${bad[0]!.status}: ${bad[0]!.reason ?? "?"} (worker: ${worker.log().slice(-500)})`,
          );
        const rowsIn = reports.reduce((s, r) => s + r.rowsIn, 0);
        const ingestSeconds = reports.reduce((s, r) => s + r.seconds, 0);
        const counts = await warehouseCounts(database.url);
        if (counts.unloaded_batches! > 0)
          throw new CliError(`${counts.unloaded_batches} staged batches never reached the warehouse`);

        process.stderr.write("raw COPY baseline …\n");
        const copy = await copyBaseline(database.url, path.join(os.tmpdir(), `${prefix}-copy`), STAGING_TABLES);
        const written = await copyBaseline(database.url, path.join(os.tmpdir(), `${prefix}-written`), WAREHOUSE_TABLES);
        const identity = await warehouseIdentityQuality(database.url, path.join(dir, "_truth", "identities.csv.gz"));

        const etlRate = rowsIn / etl.seconds;
        const copyRate = copy.rows / copy.seconds;
        const rows: BenchRow[] = [
          {
            path: "ETL end to end (worker)",
            rows: rowsIn,
            seconds: etl.seconds,
            "rows/s": Math.round(etlRate),
            "peak RSS MiB": workerPeakMib,
            "vs COPY": etlRate / copyRate,
          },
          { path: "  of which ingest (files → staging)", rows: rowsIn, seconds: ingestSeconds },
          { path: "  of which load (staging → warehouse)", rows: rowsIn, seconds: counts.load_stage_seconds! },
          {
            path: "raw COPY, same rows, unindexed tables",
            rows: copy.rows,
            seconds: copy.seconds,
            "rows/s": Math.round(copyRate),
            "vs COPY": 1,
          },
          {
            path: "raw COPY of the warehouse rows it wrote",
            rows: written.rows,
            seconds: written.seconds,
            "rows/s": Math.round(written.rows / written.seconds),
          },
          // The ETL stages every row and then writes the warehouse rows: were both as cheap as raw
          // COPY (no parsing, identity, indexes or keys), this is the ratio it would reach.
          {
            path: "bound: staging + warehouse at raw COPY speed",
            rows: rowsIn,
            seconds: copy.seconds + written.seconds,
            "rows/s": Math.round(rowsIn / (copy.seconds + written.seconds)),
            "vs COPY": rowsIn / (copy.seconds + written.seconds) / copyRate,
          },
        ];
        if (generatedSeconds !== null)
          rows.push({ path: "generate the delivery", rows: rowsIn, seconds: generatedSeconds });
        console.log(formatBenchTable(rows));
        console.log(
          `warehouse: ${counts.customers!.toLocaleString("en-US")} customers, ${counts.receipts!.toLocaleString("en-US")} receipts, ${counts.lines!.toLocaleString("en-US")} lines, ${counts.point_entries!.toLocaleString("en-US")} point entries`,
        );
        if (identity)
          console.log(
            `identity: pairwise precision ${(identity.precision * 100).toFixed(3)} %, recall ${(identity.recall * 100).toFixed(3)} % (${identity.correctPairs.toLocaleString("en-US")} of ${identity.truePairs.toLocaleString("en-US")} true pairs; ${identity.predictedPairs.toLocaleString("en-US")} predicted) over ${identity.records.toLocaleString("en-US")} member records`,
          );
        const file = writeBenchResult({
          bench: "etl",
          startedAt,
          parameters: { ...options, delivery: dir, files: plan.length },
          rows,
          notes: [
            `target: ETL rows/s ≥ 1/3 of raw COPY; worker peak RSS < 1536 MiB`,
            JSON.stringify({ counts, identity, copyTables: copy.tables, writtenTables: written.tables }),
          ],
        });
        console.log(
          `written ${path.relative(process.cwd(), file)}${options.keep ? `; warehouse kept in ${BENCH_DATABASE}` : ""}`,
        );
      } finally {
        await producer.close();
        connection.disconnect();
        await worker.stop();
        if (!options.keep) await database.drop();
      }
    });
}
