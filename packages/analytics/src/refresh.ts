import type { AnalyticsConfig } from "@dangol/domain/analytics";
import type { Rule } from "@dangol/domain/baskets";
import pg from "pg";
import { mineBasketRules, type RuleLevel } from "./basket-rules.ts";
import { writeCategoryCycles } from "./category-cycles.ts";
import { loadAnalyticsConfig } from "./config.ts";
import { openCopy } from "./copy.ts";
import { refreshDashboardAggregates } from "./dashboards.ts";
import { dayFromIso, isoFromDay, seoulYesterday } from "./days.ts";
import { buildCustomerInput, buildStoreDistances, readInput } from "./input.ts";
import { METRICS_COLUMNS, metricsRow } from "./metrics-row.ts";
import { BaseModels, MODEL_INPUT_COLUMNS } from "./models.ts";
import { createStaging, publish } from "./publish.ts";
import { refreshSegmentFacts } from "./segment-facts.ts";
import { refreshInputStatistics } from "./statistics.ts";
import { refreshWindows } from "./windows.ts";

/** Steps in order, with the progress (%) reached when each one ends. */
export const REFRESH_STEPS = [
  ["config", 2],
  ["aggregate", 25],
  ["score", 40],
  ["fit", 55],
  ["write", 75],
  ["cycles", 85],
  ["baskets", 92],
  ["publish", 100],
] as const;
export type RefreshStep = (typeof REFRESH_STEPS)[number][0];

export type RefreshProgress = { runId: bigint; step: RefreshStep; progress: number };

export type RefreshOptions = {
  databaseUrl: string;
  /** YYYY-MM-DD, the last business day included; default yesterday in Seoul. */
  asOf?: string;
  trigger: string;
  requestedBy?: string;
  /** A run row created beforehand (by the producer, so the UI sees "queued"); else one is created. */
  runId?: bigint;
  jobId?: string;
  onProgress?: (progress: RefreshProgress) => Promise<void> | void;
  /** Rule levels to mine; default category, plus product when the baskets config enables it. */
  ruleLevels?: readonly RuleLevel[];
};

export type RefreshResult = {
  runId: bigint;
  asOf: string;
  counts: Record<string, number>;
  durations: Record<string, number>;
};

/** Any constant; only refreshes take it. Two refreshes at once would fight over the same tables. */
const REFRESH_LOCK = 4_242_001;

/** Creates the run row a producer shows as "queued" before the job starts. */
export async function createAnalyticsRun(
  client: pg.ClientBase,
  input: { trigger: string; asOf?: string; requestedBy?: string },
): Promise<bigint> {
  const asOf = input.asOf ?? seoulYesterday();
  dayFromIso(asOf);
  const { rows } = await client.query<{ id: string }>(
    "INSERT INTO analytics_run (trigger, requested_by, status, as_of) VALUES ($1, $2, 'queued', $3::date) RETURNING id",
    [input.trigger, input.requestedBy ?? null, asOf],
  );
  return BigInt(rows[0]!.id);
}

/**
 * The whole refresh on three connections: `control` records progress outside any transaction
 * (so it is visible at once), `reader` builds the aggregates and streams them through cursors,
 * `writer` COPYs results into staging and publishes them in one transaction. Memory is bounded
 * by the batch size plus a few typed arrays per customer (see BaseModels).
 */
export async function runAnalyticsRefresh(options: RefreshOptions): Promise<RefreshResult> {
  const control = new pg.Client({ connectionString: options.databaseUrl, application_name: "analytics-control" });
  const reader = new pg.Client({ connectionString: options.databaseUrl, application_name: "analytics-reader" });
  const writer = new pg.Client({ connectionString: options.databaseUrl, application_name: "analytics-writer" });
  await Promise.all([control.connect(), reader.connect(), writer.connect()]);
  const durations: Record<string, number> = {};
  const counts: Record<string, number> = {};
  let runId: bigint | undefined = options.runId;
  try {
    const asOfIso = options.asOf ?? seoulYesterday();
    const asOf = dayFromIso(asOfIso);
    runId ??= await createAnalyticsRun(control, {
      trigger: options.trigger,
      asOf: asOfIso,
      requestedBy: options.requestedBy,
    });
    const { rows: locked } = await writer.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
      REFRESH_LOCK,
    ]);
    if (!locked[0]?.ok) throw new Error("another analytics refresh is running; try again when it has finished");
    await control.query(
      `UPDATE analytics_run SET status = 'running', as_of = $2::date, started_at = now(), job_id = coalesce($3, job_id),
              progress = 0, error = NULL WHERE id = $1`,
      [runId, asOfIso, options.jobId ?? null],
    );

    const id = runId;
    let started = performance.now();
    const done = async (step: RefreshStep) => {
      durations[step] = Math.round(performance.now() - started);
      started = performance.now();
      const progress = REFRESH_STEPS.find(([s]) => s === step)![1];
      await control.query(
        "UPDATE analytics_run SET step = $2, progress = $3, step_durations = $4, counts = $5 WHERE id = $1",
        [id, step, progress, JSON.stringify(durations), JSON.stringify(counts)],
      );
      await options.onProgress?.({ runId: id, step, progress });
    };

    const config: AnalyticsConfig = await loadAnalyticsConfig(control);
    const w = refreshWindows(asOf, config);
    await done("config");

    counts.tablesAnalyzed = (await refreshInputStatistics(reader)).length;
    counts.storeDistances = await buildStoreDistances(reader, config.crossformat);
    counts.customers = await buildCustomerInput(reader, w);
    await done("aggregate");

    const models = new BaseModels(counts.customers, config, w);
    for await (const batch of readInput(reader, MODEL_INPUT_COLUMNS)) {
      for (const row of batch) models.add(row);
    }
    counts.rfmScored = models.scoreRfm();
    await done("score");

    models.fitAndPredict();
    counts.fitErrors = models.fits.errors.length;
    await done("fit");

    await createStaging(writer);
    const at = new Date().toISOString();
    const copy = openCopy(writer, "analytics_stage_metrics", METRICS_COLUMNS);
    let position = 0;
    for await (const batch of readInput(reader)) {
      await copy.writeRows(batch.map((row) => metricsRow(row, position++, models, config, w, { id, at })));
    }
    counts.staged = await copy.end();
    await done("write");

    counts.categoryCyclesStaged = await writeCategoryCycles(reader, writer, config.cycles, w);
    await done("cycles");

    const levels = options.ruleLevels ?? (config.baskets.product.enabled ? ["category", "product"] : ["category"]);
    const rules: { level: RuleLevel; rules: Rule[] }[] = [];
    for (const level of levels) {
      const mined = await mineBasketRules(reader, config.baskets, w, level);
      counts[level === "category" ? "baskets" : `${level}Baskets`] = mined.baskets;
      rules.push({ level, rules: mined.rules });
    }
    await done("baskets");

    Object.assign(counts, await publish(writer, { runId: id, config, w, rules, models }));
    await done("publish");
    // the dashboards' month aggregates follow the published metrics (their first-purchase month)
    await refreshDashboardAggregates((text, values) => writer.query(text, values).then((r) => r.rows));
    counts.segmentFacts = (await refreshSegmentFacts(writer, asOfIso)).rows;
    await control.query(
      `UPDATE analytics_run SET status = 'succeeded', finished_at = now(), counts = $2, error = $3 WHERE id = $1`,
      [id, JSON.stringify(counts), models.fits.errors.length ? models.fits.errors.join("; ") : null],
    );
    return { runId: id, asOf: isoFromDay(asOf), counts, durations };
  } catch (error) {
    if (runId !== undefined) {
      await control
        .query(
          "UPDATE analytics_run SET status = 'failed', finished_at = now(), error = $2, step_durations = $3 WHERE id = $1",
          [runId, (error as Error).message, JSON.stringify(durations)],
        )
        .catch(() => {});
    }
    throw error;
  } finally {
    await Promise.all([control.end(), reader.end(), writer.end()].map((p) => p.catch(() => {})));
  }
}
