"use client";

import type { ChartSpec, QueryParameter, QueryParameterValues } from "@dangol/domain";
import { useEffect, useRef, useState, useTransition } from "react";
import { RunView } from "./browse-run-view.tsx";
import { runQueryAction } from "./editor/actions.ts";
import type { BrowseWords } from "./i18n-browse.ts";
import type { EditorWords } from "./i18n-editor.ts";

/**
 * Runs the pivot's generated SQL the way the editor runs any SQL (the same action: bound
 * parameters, audited, queued for the worker) as soon as the page shows a valid pivot, and
 * again on request; the result is the editor's table and chart.
 */
export function PivotRun({
  sql,
  parameters,
  parameterValues,
  chart,
  words,
  editorWords,
  locale,
}: {
  sql: string;
  parameters: QueryParameter[];
  parameterValues: QueryParameterValues;
  chart: ChartSpec | null;
  words: BrowseWords["pivot"];
  editorWords: EditorWords;
  locale: "ko" | "en";
}) {
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [requesting, startRequest] = useTransition();
  const asked = useRef<string | null>(null);

  const run = () =>
    startRequest(async () => {
      setError(null);
      const result = await runQueryAction({ sql, parameters, parameterValues });
      if (!result.ok) return setError(words.runFailed.replace("{reason}", result.message));
      if ("parameterError" in result.data) {
        const { code, parameter } = result.data.parameterError;
        return setError(editorWords.parameters.errors[code].replace("{name}", parameter ?? ""));
      }
      setRunId(result.data.runId);
    });

  // One run per pivot the page shows (a re-render or a strict-mode double effect asks nothing more).
  const key = JSON.stringify([sql, parameterValues]);
  useEffect(() => {
    if (asked.current === key) return;
    asked.current = key;
    run();
  });

  return (
    <section className="flex flex-col gap-3" data-testid="pivot-run">
      <div>
        <button
          type="button"
          onClick={run}
          disabled={requesting}
          className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white disabled:opacity-60"
          data-testid="pivot-rerun"
        >
          {requesting ? words.running : words.run}
        </button>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {runId ? <RunView key={runId} runId={runId} chart={() => chart} words={editorWords} locale={locale} /> : null}
    </section>
  );
}
