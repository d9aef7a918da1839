import { z } from "zod";

export const CHART_KINDS = ["line", "bar", "stacked_bar", "pie", "scatter"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const MAX_CHART_Y = 8;
/** A legend with more entries than this is unreadable; the smallest series are left out. */
export const MAX_CHART_SERIES = 12;

const columnName = z.string().trim().min(1, "must name a result column").max(200);

/** What a saved query's chart shows: x axis, y columns and, optionally, a column whose values become the series. */
export const chartSpecSchema = z
  .object({
    kind: z.enum(CHART_KINDS, { error: `must be one of ${CHART_KINDS.join(", ")}` }),
    x: columnName,
    y: z
      .array(columnName)
      .min(1, "pick at least one y column")
      .max(MAX_CHART_Y, `pick at most ${MAX_CHART_Y} y columns`),
    series: columnName.optional(),
  })
  .superRefine((spec, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (new Set(spec.y).size !== spec.y.length) issue("y", "each y column may appear once");
    if (spec.kind === "pie" && spec.y.length !== 1) issue("y", "a pie chart shows exactly one y column");
    if (spec.kind === "pie" && spec.series !== undefined) issue("series", "a pie chart has no series column");
    if (spec.kind === "scatter" && spec.y.length !== 1) issue("y", "a scatter chart shows exactly one y column");
    if (spec.series !== undefined) {
      if (spec.y.length !== 1) issue("y", "with a series column, pick exactly one y column");
      if (spec.series === spec.x || spec.y.includes(spec.series)) {
        issue("series", "the series column must differ from the x and y columns");
      }
    }
  });
export type ChartSpec = z.output<typeof chartSpecSchema>;

export class ChartSpecError extends Error {
  override readonly name = "ChartSpecError";
  constructor(
    message: string,
    readonly column: string,
  ) {
    super(message);
  }
}

export interface ChartColumn {
  name: string;
  type: string;
}

export type ChartRow = Record<string, string | number | null>;

export interface ChartData {
  /** One object per x value, keyed by the x column's name and by each of `seriesKeys`. */
  data: ChartRow[];
  seriesKeys: string[];
  /** Series left out beyond MAX_CHART_SERIES (the smallest totals). */
  omittedSeries: number;
}

const NULL_LABEL = "(null)";
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** pg hands numeric and bigint columns over as strings; a chart needs numbers. */
function toNumber(value: unknown): number | null {
  const number =
    typeof value === "bigint" || (typeof value === "string" && NUMERIC_TEXT.test(value.trim())) ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : null;
}

/** Category labels as text; dates stay YYYY-MM-DD so they read and sort as days. */
function toLabel(value: unknown, type: string): string {
  if (value === null || value === undefined) return NULL_LABEL;
  if (value instanceof Date) return type === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === "string") return type === "date" ? value.slice(0, 10) : value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The rows recharts draws for `spec` from a query result. Without a series column each row
 * carries x and the y columns; with one, long rows (x, series, y) become wide rows with one key
 * per series value (values of a repeated x and series are added up), keeping the
 * MAX_CHART_SERIES largest series. Line and scatter charts are sorted by x. Throws ChartSpecError
 * naming a column that is missing, or a y (or scatter x) column that is not numeric.
 */
export function chartData(columns: ChartColumn[], rows: unknown[][], spec: ChartSpec): ChartData {
  const column = (name: string) => {
    const index = columns.findIndex((c) => c.name === name);
    if (index === -1) throw new ChartSpecError(`Column "${name}" is not in the result`, name);
    return { index, type: columns[index]!.type };
  };
  const numeric = (name: string, role: string) => {
    const found = column(name);
    if (found.type !== "number")
      throw new ChartSpecError(`Column "${name}" is not numeric, so it cannot be ${role}`, name);
    return found;
  };
  const x = spec.kind === "scatter" ? numeric(spec.x, "the x axis of a scatter chart") : column(spec.x);
  const ys = spec.y.map((name) => ({ name, ...numeric(name, "a y value") }));
  const xValue = (row: unknown[]) => (x.type === "number" ? toNumber(row[x.index]) : toLabel(row[x.index], x.type));

  const result =
    spec.series === undefined
      ? {
          data: rows.map((row) => {
            const point: ChartRow = { [spec.x]: xValue(row) };
            for (const y of ys) point[y.name] = toNumber(row[y.index]);
            return point;
          }),
          seriesKeys: spec.y,
          omittedSeries: 0,
        }
      : pivotSeries(rows, spec.x, xValue, column(spec.series), ys[0]!.index);

  if (spec.kind === "line" || spec.kind === "scatter") result.data.sort((a, b) => compareX(a[spec.x], b[spec.x]));
  return result;
}

function pivotSeries(
  rows: unknown[][],
  xName: string,
  xValue: (row: unknown[]) => string | number | null,
  series: { index: number; type: string },
  yIndex: number,
): ChartData {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const key = toLabel(row[series.index], series.type);
    totals.set(key, (totals.get(key) ?? 0) + Math.abs(toNumber(row[yIndex]) ?? 0));
  }
  // Largest first by absolute total (returns count as much as sales), first appearance breaking ties.
  const ranked = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)!);
  const seriesKeys = ranked.slice(0, MAX_CHART_SERIES);
  const kept = new Set(seriesKeys);

  const byX = new Map<string | number | null, ChartRow>();
  for (const row of rows) {
    const key = toLabel(row[series.index], series.type);
    if (!kept.has(key)) continue;
    const at = xValue(row);
    let point = byX.get(at);
    if (!point) {
      point = { ...Object.fromEntries(seriesKeys.map((k) => [k, null])), [xName]: at };
      byX.set(at, point);
    }
    const y = toNumber(row[yIndex]);
    if (y !== null) point[key] = ((point[key] as number | null) ?? 0) + y;
  }
  return { data: [...byX.values()], seriesKeys, omittedSeries: ranked.length - seriesKeys.length };
}

function compareX(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
