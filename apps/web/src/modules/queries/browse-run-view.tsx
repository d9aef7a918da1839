"use client";

import type { ChartSpec } from "@dangol/domain";
import { useState } from "react";
import { formatDuration } from "./editor/cell-format.ts";
import { ChartBuilder } from "./editor/components/chart-builder.tsx";
import { ResultsTable } from "./editor/components/results-table.tsx";
import { RunFailure } from "./editor/components/run-failure.tsx";
import { isFinished, useRun } from "./editor/components/use-run.ts";
import type { ResultColumnView } from "./editor/run-types.ts";
import type { EditorWords } from "./i18n-editor.ts";

/**
 * One run followed to its end with the editor's own pieces (poll, results table, chart builder),
 * for the pivot and the dashboard tiles. `chart` picks the first chart from the result's columns;
 * `tile` is a dashboard tile: the chart without its controls, the table only when there is no chart.
 */
export function RunView({
  runId,
  chart,
  tile = false,
  words,
  locale,
}: {
  runId: string;
  chart: (columns: ResultColumnView[]) => ChartSpec | null;
  tile?: boolean;
  words: EditorWords;
  locale: "ko" | "en";
}) {
  const { run, elapsedMs } = useRun(runId);
  const [spec, setSpec] = useState<ChartSpec | null | undefined>(undefined);
  const status = run?.status ?? "QUEUED";
  const numberFormat = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US");
  const shownSpec = spec === undefined && run?.columns ? chart(run.columns) : (spec ?? null);

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700" role="status" data-testid="run-status" data-status={status}>
        {words.status[status]}
        {!isFinished(run) ? ` · ${words.elapsed.replace("{seconds}", (elapsedMs / 1000).toFixed(1))}` : null}
        {run?.status === "SUCCEEDED" && run.durationMs !== null ? ` · ${formatDuration(run.durationMs, locale)}` : null}
      </p>
      {run?.status === "FAILED" ? <RunFailure run={run} words={words} /> : null}
      {run?.status === "SUCCEEDED" ? (
        <>
          <ChartBuilder
            runId={run.id}
            columns={run.columns ?? []}
            spec={shownSpec}
            onChange={setSpec}
            controls={!tile}
            words={words.chart}
            locale={locale}
          />
          {!tile || shownSpec === null ? (
            <ResultsTable
              run={run}
              words={words.results}
              truncatedText={words.truncated.replace("{cap}", numberFormat.format(run.rowCap))}
              locale={locale}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
