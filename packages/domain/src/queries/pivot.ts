import { z } from "zod";
import { SIDO } from "../cleansing/region.ts";
import { LIFECYCLE_STAGES } from "../lifecycle/stage.ts";
import { tierSchema } from "../tiers/rules.ts";
import { ANALYTICS_FORMATS, type QueryParameter, type QueryParameterValues } from "./parameters.ts";
import { isIsoDate, isRelativeDate } from "./relative-dates.ts";

/*
 * The no-code pivot writes ordinary workbench SQL over the analytics views: the analyst sees it,
 * can open it in the editor and save it, and it runs through the same parameter binding and
 * executor as hand-written SQL. Every filter value is a `{{parameter}}`, never SQL text.
 */

export const PIVOT_MEASURES = ["spend", "receipts", "customers", "avg_basket", "points"] as const;
export type PivotMeasure = (typeof PIVOT_MEASURES)[number];

export const PIVOT_DIMENSIONS = [
  "month",
  "format",
  "division",
  "store",
  "region",
  "tier",
  "lifecycle",
  "category_l1",
  "category_l2",
  "category_l3",
  "age_band",
] as const;
export type PivotDimension = (typeof PIVOT_DIMENSIONS)[number];

export const MAX_PIVOT_DIMENSIONS = 3;
export const PIVOT_ROW_LIMIT = 10_000;

const CATEGORY_DIMENSIONS: readonly PivotDimension[] = ["category_l1", "category_l2", "category_l3"];

const uniqueList = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .array(z.enum(values, { error: `must be one of ${values.join(", ")}` }))
    .refine((list) => new Set(list).size === list.length, `each ${what} may appear once`);

const dateFilter = z
  .string()
  .trim()
  .refine(
    (value) => isIsoDate(value) || isRelativeDate(value),
    "must be a date YYYY-MM-DD or a relative date such as last_month_start",
  );

/** An optional filter: absent or empty means "all". */
const optionalList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `at most ${max} values`)
    .refine((list) => new Set(list).size === list.length, "each value may appear once")
    .optional();

export const pivotSpecSchema = z
  .object({
    measures: uniqueList(PIVOT_MEASURES, "measure").min(1, "pick at least one measure"),
    dimensions: uniqueList(PIVOT_DIMENSIONS, "dimension").max(
      MAX_PIVOT_DIMENSIONS,
      `pick at most ${MAX_PIVOT_DIMENSIONS} dimensions`,
    ),
    filters: z.object({
      dateFrom: dateFilter,
      dateTo: dateFilter,
      formats: optionalList(z.enum(ANALYTICS_FORMATS, { error: `must be one of ${ANALYTICS_FORMATS.join(", ")}` }), 3),
      tiers: optionalList(tierSchema.shape.code, 20),
      lifecycleStages: optionalList(
        z.enum(LIFECYCLE_STAGES, { error: `must be one of ${LIFECYCLE_STAGES.join(", ")}` }),
        LIFECYCLE_STAGES.length,
      ),
      regions: optionalList(
        z.enum(SIDO, { error: "must be a 시/도 by its official name, e.g. 서울특별시" }),
        SIDO.length,
      ),
    }),
  })
  .superRefine((spec, ctx) => {
    const { dateFrom, dateTo } = spec.filters;
    if (isIsoDate(dateFrom) && isIsoDate(dateTo) && dateFrom > dateTo) {
      ctx.addIssue({ code: "custom", path: ["filters", "dateTo"], message: "must not be before dateFrom" });
    }
    if (spec.measures.includes("points") && spec.dimensions.some((d) => CATEGORY_DIMENSIONS.includes(d))) {
      ctx.addIssue({
        code: "custom",
        path: ["measures"],
        message: "points are earned per receipt, not per item: drop the category dimension or the points measure",
      });
    }
  });
export type PivotSpec = z.output<typeof pivotSpecSchema>;

type Join = "stores" | "customers" | "metrics" | "category_l1" | "category_l2" | "category_l3";

// In the order they are written, each after what it refers to.
const JOINS: Record<Join, string> = {
  stores: "JOIN analytics.stores s ON s.store_id = f.store_id",
  customers: "LEFT JOIN analytics.customers c ON c.customer_id = f.customer_id",
  metrics: "LEFT JOIN analytics.customer_metrics m ON m.customer_id = f.customer_id",
  category_l1: "LEFT JOIN analytics.categories k1 ON k1.category_code = f.category_l1",
  category_l2: "LEFT JOIN analytics.categories k2 ON k2.category_code = f.category_l2",
  category_l3: "LEFT JOIN analytics.categories k3 ON k3.category_code = f.category_code",
};

// Non-members and customers without the attribute group under one visible label instead of a blank.
const UNKNOWN = "'(미상)'";
const UNCLASSIFIED = "'(미분류)'";

const DIMENSIONS: Record<PivotDimension, { expression: string; join?: Join }> = {
  month: { expression: "to_char(f.business_date, 'YYYY-MM')" },
  format: { expression: "f.format" },
  division: { expression: "f.division" },
  store: { expression: "s.name", join: "stores" },
  region: { expression: `coalesce(c.sido, ${UNKNOWN})`, join: "customers" },
  tier: { expression: `coalesce(c.tier_code, ${UNKNOWN})`, join: "customers" },
  lifecycle: { expression: `coalesce(m.lifecycle_stage, ${UNKNOWN})`, join: "metrics" },
  category_l1: { expression: `coalesce(k1.name_ko, ${UNCLASSIFIED})`, join: "category_l1" },
  category_l2: { expression: `coalesce(k2.name_ko, ${UNCLASSIFIED})`, join: "category_l2" },
  category_l3: { expression: `coalesce(k3.name_ko, ${UNCLASSIFIED})`, join: "category_l3" },
  age_band: { expression: `coalesce(c.age_band, ${UNKNOWN})`, join: "customers" },
};

/** Receipts carry points and the paid total; lines carry the category and the line amount. */
function measureExpression(measure: PivotMeasure, amount: string): string {
  switch (measure) {
    case "spend":
      return `sum(${amount})`;
    case "receipts":
      return "count(DISTINCT f.receipt_id)";
    case "customers":
      return "count(DISTINCT f.customer_id)";
    case "avg_basket":
      return `round(sum(${amount}) / nullif(count(DISTINCT f.receipt_id), 0))`;
    case "points":
      return "sum(f.points_earned)";
  }
}

const LIST_FILTERS = [
  { key: "tiers", parameter: "tiers", column: "c.tier_code", join: "customers", label: "등급" },
  {
    key: "lifecycleStages",
    parameter: "lifecycle_stages",
    column: "m.lifecycle_stage",
    join: "metrics",
    label: "생애주기",
  },
  { key: "regions", parameter: "regions", column: "c.sido", join: "customers", label: "시/도" },
] as const;

/**
 * The SQL for a (parsed) pivot spec, one clause per line, with its parameters and their values.
 * Code lists (tiers, lifecycle stages, regions) travel as one comma-separated text parameter
 * split in SQL, since the parameter types have no text list; their values were checked against
 * strict patterns by the schema and contain no commas.
 */
export function buildPivotQuery(spec: PivotSpec): {
  sql: string;
  parameters: QueryParameter[];
  parameterValues: QueryParameterValues;
} {
  const { filters } = spec;
  const byCategory = spec.dimensions.some((d) => CATEGORY_DIMENSIONS.includes(d));
  const fact = byCategory ? "analytics.receipt_lines" : "analytics.receipts";
  const amount = byCategory ? "f.amount" : "f.net_amount";

  const joins = new Set<Join>();
  const select = [
    ...spec.dimensions.map((d) => {
      const { expression, join } = DIMENSIONS[d];
      if (join) joins.add(join);
      return `${expression} AS ${d}`;
    }),
    ...spec.measures.map((m) => `${measureExpression(m, amount)} AS ${m}`),
  ];

  const parameters: QueryParameter[] = [
    { name: "date_from", type: "date", label: "시작일" },
    { name: "date_to", type: "date", label: "종료일" },
  ];
  const parameterValues: QueryParameterValues = { date_from: filters.dateFrom, date_to: filters.dateTo };
  const where = ["f.business_date >= {{date_from}}", "f.business_date <= {{date_to}}"];
  if (filters.formats?.length) {
    parameters.push({ name: "formats", type: "formats", label: "업태" });
    parameterValues.formats = filters.formats;
    where.push("f.format = ANY({{formats}})");
  }
  for (const filter of LIST_FILTERS) {
    const values = filters[filter.key];
    if (!values?.length) continue;
    joins.add(filter.join);
    parameters.push({ name: filter.parameter, type: "text", label: filter.label });
    parameterValues[filter.parameter] = values.join(",");
    where.push(`${filter.column} = ANY(string_to_array({{${filter.parameter}}}, ','))`);
  }

  const lines = [
    `SELECT ${select.join(",\n       ")}`,
    `  FROM ${fact} f`,
    ...(Object.keys(JOINS) as Join[]).filter((j) => joins.has(j)).map((j) => `  ${JOINS[j]}`),
    ` WHERE ${where.join("\n   AND ")}`,
  ];
  if (spec.dimensions.length > 0) {
    lines.push(` GROUP BY ${spec.dimensions.map((_, i) => i + 1).join(", ")}`);
    lines.push(` ORDER BY ${spec.dimensions.join(", ")}`);
  }
  lines.push(` LIMIT ${PIVOT_ROW_LIMIT}`);
  return { sql: lines.join("\n"), parameters, parameterValues };
}
