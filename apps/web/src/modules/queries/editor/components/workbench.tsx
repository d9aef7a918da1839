"use client";

import {
  type ChartSpec,
  inferParameters,
  type QueryParameter,
  type QueryParameterType,
  type QueryParameterValues,
} from "@dangol/domain";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import type { EditorWords } from "../../i18n-editor.ts";
import { cancelRunAction, type RunRequestResult, runQueryAction, saveQueryAction } from "../actions.ts";
import { formatDuration } from "../cell-format.ts";
import { ChartBuilder } from "./chart-builder.tsx";
import { ParametersPanel } from "./parameters-panel.tsx";
import { ResultsTable } from "./results-table.tsx";
import { RunFailure } from "./run-failure.tsx";
import type { SqlSchema } from "./sql-editor.tsx";
import { isFinished, useRun } from "./use-run.ts";

// CodeMirror is the page's heaviest script: it loads after the first paint, in a box of its size.
const SqlEditor = dynamic(() => import("./sql-editor.tsx"), {
  ssr: false,
  loading: () => <div className="h-48 animate-pulse rounded-md border border-slate-300 bg-slate-50" />,
});

export type WorkbenchQuery = {
  id: string | null;
  version: number | null;
  title: string;
  description: string;
  tags: string[];
  visibility: "PRIVATE" | "SHARED";
  sql: string;
  parameters: QueryParameter[];
  parameterValues: QueryParameterValues;
  chart: ChartSpec | null;
  canEdit: boolean;
  ownerEmail: string | null;
  /** A run to show at once (a finished run's notification links here with it). */
  runId: string | null;
};

const button = "rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-60";
const primary = `${button} border-slate-900 bg-slate-900 text-white hover:bg-slate-700`;
const secondary = `${button} border-slate-300 bg-white hover:bg-slate-50`;
const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Number inputs send numbers; anything not a number goes as typed so the binder names the problem. */
function valuesToSend(parameters: QueryParameter[], values: QueryParameterValues): QueryParameterValues {
  const out: QueryParameterValues = {};
  for (const p of parameters) {
    const value = values[p.name];
    if (value === undefined || value === "") continue;
    if (p.type === "number" && typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
      out[p.name] = Number(value);
    } else out[p.name] = value;
  }
  return out;
}

/**
 * The editor screen's live part: SQL, parameters, run/poll/cancel, results, chart and save. The
 * server page around it renders the saved query's history sections.
 */
export function Workbench({
  initial,
  schema,
  words,
  formatLabels,
  segments,
  locale,
}: {
  initial: WorkbenchQuery;
  schema: SqlSchema;
  words: EditorWords;
  formatLabels: Record<string, string>;
  /** saved segments as [id, name], the choices of a `segment` parameter */
  segments: [string, string][];
  locale: "ko" | "en";
}) {
  const router = useRouter();
  const readOnly = !initial.canEdit;
  const [sql, setSql] = useState(initial.sql);
  const [definitions, setDefinitions] = useState<QueryParameter[]>(initial.parameters);
  const [values, setValues] = useState<QueryParameterValues>(initial.parameterValues);
  const [parameterErrors, setParameterErrors] = useState<Record<string, string>>({});
  const [runError, setRunError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(initial.runId);
  const [chart, setChart] = useState<ChartSpec | null>(initial.chart);
  const [requesting, startRequest] = useTransition();
  const { run, elapsedMs } = useRun(runId);

  const parameters = useMemo(() => inferParameters(sql, definitions), [sql, definitions]);
  const running = runId !== null && !isFinished(run);

  // A saved query's run history (rendered by the server page) gains the run once it is finished.
  const finishedRun = run && isFinished(run) ? run.id : null;
  useEffect(() => {
    if (finishedRun && initial.id) router.refresh();
  }, [finishedRun, initial.id, router]);

  const parameterMessage = (error: Extract<RunRequestResult, { parameterError: unknown }>["parameterError"]) =>
    words.parameters.errors[error.code].replace("{name}", error.parameter ?? "");

  const requestRun = () => {
    if (requesting || running) return;
    startRequest(async () => {
      setParameterErrors({});
      setRunError(null);
      const result = await runQueryAction({
        ...(initial.id ? { queryId: initial.id } : {}),
        sql,
        parameters,
        parameterValues: valuesToSend(parameters, values),
      });
      if (!result.ok) {
        setRunError(result.message);
        return;
      }
      if ("parameterError" in result.data) {
        const { parameterError } = result.data;
        if (parameterError.parameter)
          setParameterErrors({ [parameterError.parameter]: parameterMessage(parameterError) });
        else setRunError(parameterMessage(parameterError));
        return;
      }
      setRunId(result.data.runId);
    });
  };

  const cancel = () => {
    if (!runId) return;
    void cancelRunAction({ runId }).then((result) => {
      if (!result.ok) setRunError(result.message);
    });
  };

  const status = run?.status ?? (runId ? "QUEUED" : null);
  const numberFormat = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US");

  return (
    <div className="flex flex-col gap-4" data-testid="workbench">
      {readOnly ? (
        <p role="note" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="read-only">
          {words.save.readOnly.replace("{owner}", initial.ownerEmail ?? "")}
        </p>
      ) : null}
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          requestRun();
        }}
      >
        <label htmlFor="query-sql" className="text-sm font-semibold">
          {words.sql}
        </label>
        <SqlEditor
          value={sql}
          onChange={setSql}
          onRun={requestRun}
          schema={schema}
          parameterNames={parameters.map((p) => p.name)}
          readOnly={readOnly}
          errorPosition={run?.status === "FAILED" ? run.errorPosition : null}
          label={words.sql}
        />
        {/* The plain mirror: what the form posts, what assistive tech and tests can type into. */}
        <textarea
          id="query-sql"
          name="sql"
          value={sql}
          readOnly={readOnly}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              requestRun();
            }
          }}
          className="sr-only"
          rows={4}
        />
        <p className="text-xs text-slate-500">{words.runHint}</p>
        <ParametersPanel
          parameters={parameters}
          values={values}
          errors={parameterErrors}
          onTypeChange={(name, type: QueryParameterType) =>
            setDefinitions((current) => [
              ...current.filter((p) => p.name !== name),
              { ...(parameters.find((p) => p.name === name) ?? { name }), type },
            ])
          }
          onValueChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
          words={words.parameters}
          formatLabels={formatLabels}
          segments={segments}
          typesLocked={readOnly}
          locale={locale}
        />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={primary} disabled={requesting || running} data-testid="run">
            {words.run}
          </button>
          {running ? (
            <button type="button" className={secondary} onClick={cancel} data-testid="cancel-run">
              {words.cancel}
            </button>
          ) : null}
          {status ? (
            <span className="text-sm text-slate-700" role="status" data-testid="run-status" data-status={status}>
              {words.status[status]}
              {running ? ` · ${words.elapsed.replace("{seconds}", (elapsedMs / 1000).toFixed(1))}` : null}
              {run?.status === "SUCCEEDED" && run.durationMs !== null
                ? ` · ${formatDuration(run.durationMs, locale)}`
                : null}
            </span>
          ) : null}
        </div>
      </form>

      {runError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="run-error">
          {runError}
        </p>
      ) : null}
      {run?.status === "FAILED" ? <RunFailure run={run} words={words} /> : null}

      {run?.status === "SUCCEEDED" ? (
        <>
          <ResultsTable
            key={run.id}
            run={run}
            words={words.results}
            truncatedText={words.truncated.replace("{cap}", numberFormat.format(run.rowCap))}
            locale={locale}
          />
          <ChartBuilder
            key={run.id}
            runId={run.id}
            columns={run.columns ?? []}
            spec={chart}
            onChange={setChart}
            words={words.chart}
            locale={locale}
          />
        </>
      ) : chart ? (
        <p className="text-sm text-slate-500">{words.chart.runFirst}</p>
      ) : null}

      {readOnly ? null : (
        <SaveForm
          initial={initial}
          content={{ sql, parameters, parameterValues: valuesToSend(parameters, values), chart }}
          words={words.save}
          onSaved={(id) => (initial.id === id ? router.refresh() : router.push(`/queries/${id}`))}
        />
      )}
    </div>
  );
}

function SaveForm({
  initial,
  content,
  words,
  onSaved,
}: {
  initial: WorkbenchQuery;
  content: {
    sql: string;
    parameters: QueryParameter[];
    parameterValues: QueryParameterValues;
    chart: ChartSpec | null;
  };
  words: EditorWords["save"];
  onSaved: (id: string) => void;
}) {
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [tags, setTags] = useState(initial.tags.join(", "));
  const [visibility, setVisibility] = useState(initial.visibility);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [saving, startSave] = useTransition();

  return (
    <form
      className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-3"
      data-testid="save-query"
      onSubmit={(e) => {
        e.preventDefault();
        startSave(async () => {
          const result = await saveQueryAction({
            ...(initial.id ? { id: initial.id } : {}),
            ...(initial.version ? { expectedVersion: initial.version } : {}),
            title,
            description,
            tags,
            visibility,
            ...content,
          });
          if (!result.ok) {
            setOutcome({ ok: false, message: result.message });
            return;
          }
          setOutcome({ ok: true, message: words.saved.replace("{version}", String(result.data.version)) });
          onSaved(result.data.id);
        });
      }}
    >
      <h2 className="text-sm font-semibold">{words.title}</h2>
      <div className="grid gap-3 md:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          {words.name}
          <input
            name="title"
            required
            maxLength={200}
            className={field}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {words.tags}
          <input name="tags" className={field} value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm md:col-span-2">
          {words.description}
          <textarea
            name="description"
            rows={2}
            maxLength={2_000}
            className={field}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <fieldset className="flex flex-wrap items-center gap-4 text-sm md:col-span-2">
          <legend className="mb-1">{words.visibility}</legend>
          {(["PRIVATE", "SHARED"] as const).map((v) => (
            <label key={v} className="flex items-center gap-1">
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={visibility === v}
                onChange={() => setVisibility(v)}
              />
              {words[v]}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primary} disabled={saving} data-testid="save">
          {words.save}
        </button>
        {outcome ? (
          <p
            role={outcome.ok ? "status" : "alert"}
            className={`text-sm ${outcome.ok ? "text-green-800" : "text-red-800"}`}
          >
            {outcome.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
