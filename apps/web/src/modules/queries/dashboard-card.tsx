"use client";

import type { ChartSpec } from "@dangol/domain";
import Link from "next/link";
import { useActionState, useState, useTransition } from "react";
import { RunView } from "./browse-run-view.tsx";
import { rerunPinnedAction } from "./dashboard-actions.ts";
import { pinQueryForm } from "./editor/actions.ts";
import type { BrowseWords } from "./i18n-browse.ts";
import type { EditorWords } from "./i18n-editor.ts";

const button = "min-h-9 rounded-md border px-3 text-sm font-medium disabled:opacity-60";

/**
 * One pinned query: its saved chart (or its table) from the latest successful run, when that ran,
 * Rerun (followed live in the tile) and Unpin (a form, so it works before the script loads).
 */
export function DashboardCard({
  queryId,
  title,
  chart,
  lastRun,
  ranAt,
  words,
  editorWords,
  locale,
}: {
  queryId: string;
  title: string;
  chart: ChartSpec | null;
  lastRun: { id: string } | null;
  /** "ran at …" of the latest successful run, worded on the server */
  ranAt: string | null;
  words: BrowseWords["dashboard"];
  editorWords: EditorWords;
  locale: "ko" | "en";
}) {
  const [runId, setRunId] = useState(lastRun?.id ?? null);
  const [rerunError, setRerunError] = useState<string | null>(null);
  const [rerunning, startRerun] = useTransition();
  const [unpinState, unpin, unpinning] = useActionState(pinQueryForm, null);

  const rerun = () =>
    startRerun(async () => {
      setRerunError(null);
      const result = await rerunPinnedAction({ queryId });
      if (result.ok) setRunId(result.data.runId);
      else setRerunError(result.message);
    });

  return (
    <article
      className="flex min-w-0 flex-col gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
      data-testid="dashboard-card"
      data-query-id={queryId}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="font-semibold">
            <Link href={`/queries/${queryId}`} className="underline decoration-slate-300" title={words.open}>
              {title}
            </Link>
          </h2>
          {runId === lastRun?.id && ranAt ? <p className="text-xs text-slate-600">{ranAt}</p> : null}
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={rerun}
            disabled={rerunning}
            className={`${button} border-slate-900 bg-slate-900 text-white`}
            data-testid="rerun"
          >
            {rerunning ? words.rerunning : words.rerun}
          </button>
          <form action={unpin}>
            <input type="hidden" name="id" value={queryId} />
            <input type="hidden" name="pinned" value="false" />
            <button
              type="submit"
              disabled={unpinning}
              className={`${button} border-slate-300 bg-white`}
              data-testid="unpin"
            >
              {words.unpin}
            </button>
          </form>
        </div>
      </header>
      {rerunError || (unpinState && !unpinState.ok) ? (
        <p role="alert" className="text-sm text-red-800">
          {rerunError ?? (unpinState && !unpinState.ok ? unpinState.message : null)}
        </p>
      ) : null}
      {runId ? (
        <RunView key={runId} runId={runId} chart={() => chart} tile words={editorWords} locale={locale} />
      ) : (
        <p className="text-sm text-slate-600">{words.noRun}</p>
      )}
    </article>
  );
}
