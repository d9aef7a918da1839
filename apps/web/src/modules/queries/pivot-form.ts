import { MAX_PIVOT_DIMENSIONS, type PivotSpec, pivotSpecSchema } from "@dangol/domain";

/** The pivot page's URL (a GET form): repeated keys for the lists, d1…d3 for the dimensions. */
export type PivotForm = {
  measures: string[];
  dimensions: string[];
  from: string;
  to: string;
  formats: string[];
  tiers: string[];
  stages: string[];
  regions: string[];
};

export type ParsedPivot =
  | { state: "start"; form: PivotForm }
  | { state: "invalid"; form: PivotForm; reason: string }
  | { state: "ok"; form: PivotForm; spec: PivotSpec };

/** A year back to today: the demo and most questions live there, and it stays right as time passes. */
export const DEFAULT_FROM = "today-12m";
export const DEFAULT_TO = "today";

type Params = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);
const single = (value: string | string[] | undefined): string => list(value)[0] ?? "";

/**
 * Reads the form from the URL and checks it with the domain's pivot schema. A page opened
 * without any measure or dimension is the empty start, not an error; the first refusal is worded
 * as "field: what is wrong".
 */
export function parsePivotForm(params: Params): ParsedPivot {
  const form: PivotForm = {
    measures: list(params.m),
    dimensions: Array.from({ length: MAX_PIVOT_DIMENSIONS }, (_, i) => single(params[`d${i + 1}`])).filter(Boolean),
    from: single(params.from) || DEFAULT_FROM,
    to: single(params.to) || DEFAULT_TO,
    formats: list(params.f),
    tiers: list(params.tier),
    stages: list(params.stage),
    regions: list(params.sido),
  };
  if (form.measures.length === 0 && form.dimensions.length === 0) return { state: "start", form };
  const parsed = pivotSpecSchema.safeParse({
    measures: form.measures,
    dimensions: form.dimensions,
    filters: {
      dateFrom: form.from,
      dateTo: form.to,
      formats: form.formats,
      tiers: form.tiers,
      lifecycleStages: form.stages,
      regions: form.regions,
    },
  });
  if (parsed.success) return { state: "ok", form, spec: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.filter((p) => typeof p === "string").join(".");
  return { state: "invalid", form, reason: `${field ? `${field}: ` : ""}${issue?.message ?? "invalid"}` };
}

/**
 * The first chart of a pivot's result: the first dimension across, the second as series, the
 * first measure up; a line over months, bars otherwise. No dimension, no chart (one row).
 */
export function pivotChart(spec: PivotSpec) {
  const [x, series] = spec.dimensions;
  const [y] = spec.measures;
  if (!x || !y) return null;
  return {
    kind: x === "month" ? ("line" as const) : ("bar" as const),
    x,
    y: [y],
    ...(series ? { series } : {}),
  };
}
