"use client";

import { CHART_KINDS, type ChartSpec, chartData, chartSpecSchema } from "@dangol/domain";
import { useEffect, useMemo, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { EditorWords } from "../../i18n-editor.ts";
import { CHART_ROW_LIMIT, type ResultColumnView, type RowsPage, rowsPageSchema } from "../run-types.ts";

const COLORS = ["#0369a1", "#15803d", "#b45309", "#7c3aed", "#be123c", "#0f766e", "#4d7c0f", "#a21caf"];
const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Why a spec cannot be drawn, in the reader's words; null when it can. */
function specProblem(spec: ChartSpec, columns: ResultColumnView[], words: EditorWords["chart"]): string | null {
  if (!columns.some((c) => c.type === "number")) return words.noNumbers;
  if (spec.y.length === 0) return words.pickY;
  if ((spec.kind === "pie" || spec.kind === "scatter") && spec.y.length > 1) return words.oneY;
  if (spec.series && spec.y.length > 1) return words.seriesOneY;
  const checked = chartSpecSchema.safeParse(spec);
  return checked.success ? null : words.invalid.replace("{reason}", checked.error.issues[0]?.message ?? "");
}

/** A first sensible chart: the first non-number column across, the first number column up. */
export function defaultChart(kind: ChartSpec["kind"], columns: ResultColumnView[]): ChartSpec {
  const x = columns.find((c) => c.type !== "number") ?? columns[0];
  const y = columns.find((c) => c.type === "number" && c.name !== x?.name);
  return { kind, x: x?.name ?? "", y: y ? [y.name] : [] };
}

/**
 * Kind, axes and series picked from the result's columns; drawn with recharts from at most the
 * first 2,000 rows, fetched once per run and x column (sorted by x so lines run left to right).
 */
export function ChartBuilder({
  runId,
  columns,
  spec,
  onChange,
  controls = true,
  words,
  locale,
}: {
  runId: string;
  columns: ResultColumnView[];
  spec: ChartSpec | null;
  onChange: (spec: ChartSpec | null) => void;
  /** false: the saved chart only (a dashboard tile), no kind / axis / series pickers */
  controls?: boolean;
  words: EditorWords["chart"];
  locale: "ko" | "en";
}) {
  const [rows, setRows] = useState<RowsPage | null>(null);
  const xIndex = spec ? columns.findIndex((c) => c.name === spec.x) : -1;

  useEffect(() => {
    if (!spec) return;
    const abort = new AbortController();
    const query = new URLSearchParams({ page: "1", pageSize: String(CHART_ROW_LIMIT) });
    if (xIndex >= 0) {
      query.set("sort", String(xIndex));
      query.set("dir", "asc");
    }
    fetch(`/api/queries/runs/${runId}/rows?${query}`, { cache: "no-store", signal: abort.signal })
      .then(async (response) => {
        if (response.ok) setRows(rowsPageSchema.parse(await response.json()));
      })
      .catch(() => {
        // Aborted or offline: the chart stays as it was; the table shows load failures.
      });
    return () => abort.abort();
  }, [runId, xIndex, spec === null]);

  const problem = spec ? specProblem(spec, columns, words) : null;
  const shaped = useMemo(() => {
    if (!spec || problem || !rows) return null;
    try {
      return { ok: true as const, ...chartData(rows.columns, rows.rows, spec) };
    } catch (error) {
      return { ok: false as const, reason: error instanceof Error ? error.message : String(error) };
    }
  }, [spec, problem, rows]);

  const numberColumns = columns.filter((c) => c.type === "number");
  const update = (patch: Partial<ChartSpec>) => {
    if (!spec) return;
    const next: ChartSpec = { ...spec, ...patch };
    if (next.series === undefined || next.series === "") delete next.series;
    onChange(next);
  };
  const intlLocale = locale === "ko" ? "ko-KR" : "en-US";
  const numberFormat = new Intl.NumberFormat(intlLocale);
  // Axis ticks short (3.7억, 370M) so they fit a phone; the tooltip keeps every digit.
  const compact = new Intl.NumberFormat(intlLocale, { notation: "compact", maximumFractionDigits: 1 });

  return (
    <section className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-3" data-testid="chart">
      {controls ? <h2 className="text-sm font-semibold">{words.title}</h2> : null}
      <div className={controls ? "flex flex-wrap items-end gap-3" : "hidden"}>
        <label className="flex flex-col gap-1 text-sm">
          {words.kind}
          <select
            className={field}
            name="chart-kind"
            value={spec?.kind ?? ""}
            onChange={(e) => {
              const kind = e.target.value as ChartSpec["kind"] | "";
              if (kind === "") return onChange(null);
              if (!spec) return onChange(defaultChart(kind, columns));
              const { series, ...rest } = spec;
              // Pie and scatter charts have no series column.
              onChange(
                kind === "pie" || kind === "scatter" || series === undefined
                  ? { ...rest, kind }
                  : { ...rest, kind, series },
              );
            }}
          >
            <option value="">{words.off}</option>
            {CHART_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {words.kinds[kind]}
              </option>
            ))}
          </select>
        </label>
        {spec ? (
          <>
            <label className="flex flex-col gap-1 text-sm">
              {words.x}
              <select className={field} name="chart-x" value={spec.x} onChange={(e) => update({ x: e.target.value })}>
                {columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="flex flex-col gap-1 text-sm">
              <legend>{words.y}</legend>
              <div className="flex flex-wrap gap-3 pt-1">
                {numberColumns.map((c) => (
                  <label key={c.name} className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      name="chart-y"
                      value={c.name}
                      checked={spec.y.includes(c.name)}
                      onChange={(e) =>
                        update({ y: e.target.checked ? [...spec.y, c.name] : spec.y.filter((y) => y !== c.name) })
                      }
                    />
                    {c.name}
                  </label>
                ))}
              </div>
            </fieldset>
            {spec.kind !== "pie" && spec.kind !== "scatter" ? (
              <label className="flex flex-col gap-1 text-sm">
                {words.series}
                <select
                  className={field}
                  name="chart-series"
                  value={spec.series ?? ""}
                  onChange={(e) => update({ series: e.target.value })}
                >
                  <option value="">{words.none}</option>
                  {columns
                    .filter((c) => c.type !== "number")
                    .map((c) => (
                      <option key={c.name} value={c.name}>
                        {c.name}
                      </option>
                    ))}
                </select>
              </label>
            ) : null}
          </>
        ) : null}
      </div>
      {problem ? (
        <p role="alert" className="text-sm text-amber-800">
          {problem}
        </p>
      ) : null}
      {shaped && !shaped.ok ? (
        <p role="alert" className="text-sm text-amber-800">
          {words.invalid.replace("{reason}", shaped.reason)}
        </p>
      ) : null}
      {spec && shaped?.ok ? (
        <>
          <div className="h-72 w-full" data-testid="chart-canvas" data-kind={spec.kind}>
            <ResponsiveContainer width="100%" height="100%">
              {renderChart(spec, shaped.data, shaped.seriesKeys, {
                full: (v) => numberFormat.format(v),
                tick: (v) => compact.format(v),
              })}
            </ResponsiveContainer>
          </div>
          <p className="text-xs text-slate-500">
            {words.basis.replace("{rows}", numberFormat.format(CHART_ROW_LIMIT))}
          </p>
        </>
      ) : null}
    </section>
  );
}

type Datum = Record<string, string | number | null>;

type Formats = { full: (value: number) => string; tick: (value: number) => string };

function renderChart(spec: ChartSpec, data: Datum[], keys: string[], format: Formats) {
  const tooltip = <Tooltip formatter={(value) => (typeof value === "number" ? format.full(value) : String(value))} />;
  const grid = <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />;
  const yAxis = <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => format.tick(v)} width={56} />;
  const legend = <Legend wrapperStyle={{ fontSize: 12 }} />;
  switch (spec.kind) {
    case "line":
      return (
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          {grid}
          <XAxis dataKey={spec.x} tick={{ fontSize: 11 }} />
          {yAxis}
          {tooltip}
          {legend}
          {keys.map((key, i) => (
            <Line
              key={key}
              type="monotone"
              dataKey={key}
              stroke={COLORS[i % COLORS.length]}
              dot={data.length < 40}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      );
    case "bar":
    case "stacked_bar":
      return (
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          {grid}
          <XAxis dataKey={spec.x} tick={{ fontSize: 11 }} />
          {yAxis}
          {tooltip}
          {legend}
          {keys.map((key, i) => (
            <Bar
              key={key}
              dataKey={key}
              fill={COLORS[i % COLORS.length]}
              stackId={spec.kind === "stacked_bar" ? "stack" : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      );
    case "pie": {
      const value = keys[0] ?? "";
      return (
        <PieChart>
          {tooltip}
          {legend}
          <Pie data={data} dataKey={value} nameKey={spec.x} outerRadius="80%" isAnimationActive={false} label>
            {data.map((d, i) => (
              <Cell key={String(d[spec.x])} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
        </PieChart>
      );
    }
    case "scatter":
      return (
        <ScatterChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          {grid}
          <XAxis
            dataKey={spec.x}
            type="number"
            name={spec.x}
            tick={{ fontSize: 11 }}
            tickFormatter={(v: number) => format.tick(v)}
          />
          <YAxis
            dataKey={keys[0]}
            type="number"
            tick={{ fontSize: 11 }}
            tickFormatter={(v: number) => format.tick(v)}
            width={56}
          />
          {tooltip}
          <Scatter data={data} fill={COLORS[0]} isAnimationActive={false} />
        </ScatterChart>
      );
  }
}
