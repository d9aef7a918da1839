import { z } from "zod";
import { isIsoDate, isRelativeDate, resolveDateValue } from "./relative-dates.ts";
import { scanSql } from "./sql-scan.ts";

/** `segment`: a saved segment's id, for joining analytics.segment_members (its latest snapshot). */
export const QUERY_PARAMETER_TYPES = ["date", "number", "text", "formats", "segment"] as const;
export type QueryParameterType = (typeof QUERY_PARAMETER_TYPES)[number];

/** The `format` values of analytics.stores / receipts / receipt_lines an analyst can filter on. */
export const ANALYTICS_FORMATS = ["DEPARTMENT_STORE", "MART", "SUPERMARKET"] as const;
export type AnalyticsFormat = (typeof ANALYTICS_FORMATS)[number];

export const PARAMETER_NAME = /^[a-z_][a-z0-9_]{0,39}$/;
export const MAX_TEXT_PARAMETER = 1000;

export const queryParameterSchema = z.object({
  name: z
    .string()
    .regex(PARAMETER_NAME, "must be lower-case letters, digits or _ (at most 40), starting with a letter or _"),
  type: z.enum(QUERY_PARAMETER_TYPES, { error: `must be one of ${QUERY_PARAMETER_TYPES.join(", ")}` }),
  label: z.string().trim().max(100, "must be at most 100 characters").optional(),
});
export type QueryParameter = z.output<typeof queryParameterSchema>;

export const queryParametersSchema = z
  .array(queryParameterSchema)
  .max(50, "a query takes at most 50 parameters")
  .refine((list) => new Set(list.map((p) => p.name)).size === list.length, "each parameter name may appear once");

export type QueryParameterValues = Record<string, string | number | string[]>;

export const queryParameterValuesSchema = z.record(
  z.string().regex(PARAMETER_NAME, "is not a parameter name"),
  z.union([z.string().max(MAX_TEXT_PARAMETER), z.number(), z.array(z.string().max(64)).max(20)]),
);

export type QueryParameterErrorCode = "missing" | "invalid" | "undefined_parameter" | "positional_parameter";

/** Refusal to bind; `code` and `parameter` let the UI say it in its own language. */
export class QueryParameterError extends Error {
  override readonly name = "QueryParameterError";
  constructor(
    readonly code: QueryParameterErrorCode,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** Distinct valid placeholder names, in order of first appearance. */
export function findPlaceholders(sql: string): string[] {
  const names = new Set<string>();
  for (const token of scanSql(sql)) {
    if (token.kind === "placeholder" && PARAMETER_NAME.test(token.raw)) names.add(token.raw);
  }
  return [...names];
}

// A first guess from the name only; the analyst changes the type in the form.
function guessType(name: string): QueryParameterType {
  if (/^formats?$/.test(name)) return "formats";
  if (/(^|_)segment(_id)?$/.test(name)) return "segment";
  if (/(^|_)(date|day|from|to|start|end|since|until|on)(_|$)/.test(name)) return "date";
  if (/(^|_)(n|num|limit|min|max|count|amount|threshold|top|days|weeks|months|years)(_|$)/.test(name)) return "number";
  return "text";
}

/** One definition per placeholder in the SQL: the existing one where the name matches, a guessed one otherwise. */
export function inferParameters(sql: string, existing: QueryParameter[]): QueryParameter[] {
  return findPlaceholders(sql).map((name) => existing.find((p) => p.name === name) ?? { name, type: guessType(name) });
}

const CASTS: Record<QueryParameterType, string> = {
  date: "date",
  number: "numeric",
  text: "text",
  formats: "text[]",
  segment: "bigint",
};

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

/**
 * The value Postgres receives for one parameter, checked against its type: dates as YYYY-MM-DD
 * (relative tokens resolved against `today`), numbers as finite numbers (numeric text from a form
 * is accepted), text up to 1000 characters, formats as a list of ANALYTICS_FORMATS (a
 * comma-separated string from a form is accepted), a segment as its id (digits).
 */
export function parseParameterValue(
  parameter: QueryParameter,
  value: unknown,
  today: string,
): string | number | string[] {
  const { name, type } = parameter;
  if (isBlank(value)) throw new QueryParameterError("missing", `Parameter "${name}" has no value`, name);
  const invalid = (expected: string) =>
    new QueryParameterError("invalid", `Parameter "${name}" must be ${expected}`, name);
  switch (type) {
    case "date": {
      const text = typeof value === "string" ? value.trim() : "";
      if (!isIsoDate(text) && !isRelativeDate(text)) {
        throw invalid("a date YYYY-MM-DD or a relative date such as last_month_start or today-7d");
      }
      return resolveDateValue(text, today);
    }
    case "number": {
      const number = typeof value === "string" && NUMERIC_TEXT.test(value.trim()) ? Number(value) : value;
      if (typeof number !== "number" || !Number.isFinite(number)) throw invalid("a finite number");
      return number;
    }
    case "text": {
      if (typeof value !== "string") throw invalid("text");
      if (value.length > MAX_TEXT_PARAMETER) throw invalid(`text of at most ${MAX_TEXT_PARAMETER} characters`);
      return value;
    }
    case "formats": {
      const list = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value;
      const expected = `a list of ${ANALYTICS_FORMATS.join(", ")} without repeats`;
      if (!Array.isArray(list)) throw invalid(expected);
      const known = list.every((f) => (ANALYTICS_FORMATS as readonly unknown[]).includes(f));
      if (!known || new Set(list).size !== list.length) throw invalid(expected);
      return list as string[];
    }
    case "segment": {
      const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
      if (typeof id !== "string" || !/^[1-9]\d{0,17}$/.test(id.trim())) throw invalid("a saved segment's id");
      return id.trim();
    }
  }
}

/**
 * The SQL with every `{{name}}` replaced by a numbered, typed parameter (`$1::date`, one number
 * per distinct name, reused at each occurrence) and the values in that order, for `pg`'s
 * `query({ text, values })`: values never become SQL text. A literal `$1` is refused because the
 * numbering is ours.
 */
export function bindQueryParameters(
  sql: string,
  parameters: QueryParameter[],
  values: QueryParameterValues,
  options: { today: string },
): { text: string; values: unknown[]; replacements: BoundReplacement[] } {
  const tokens = scanSql(sql);
  const positional = tokens.find((t) => t.kind === "positional");
  if (positional) {
    throw new QueryParameterError(
      "positional_parameter",
      `Positional parameter ${positional.text} is not allowed: write a named placeholder such as {{start_date}}`,
    );
  }
  const numbers = new Map<string, number>();
  const bound: unknown[] = [];
  const replacements: BoundReplacement[] = [];
  let text = "";
  let cursor = 0;
  for (const token of tokens) {
    if (token.kind !== "placeholder") continue;
    const name = token.raw;
    if (!PARAMETER_NAME.test(name)) {
      throw new QueryParameterError(
        "invalid",
        `Placeholder {{${name}}} is not a valid name: use lower-case letters, digits or _ (at most 40), starting with a letter or _`,
        name,
      );
    }
    const parameter = parameters.find((p) => p.name === name);
    if (!parameter) {
      throw new QueryParameterError("undefined_parameter", `Placeholder {{${name}}} has no parameter definition`, name);
    }
    let number = numbers.get(name);
    if (number === undefined) {
      bound.push(parseParameterValue(parameter, values[name], options.today));
      number = bound.length;
      numbers.set(name, number);
    }
    text += sql.slice(cursor, token.start);
    const replacement = `$${number}::${CASTS[parameter.type]}`;
    replacements.push({
      sourceStart: token.start,
      sourceEnd: token.end,
      boundStart: text.length,
      boundEnd: text.length + replacement.length,
    });
    text += replacement;
    cursor = token.end;
  }
  return { text: text + sql.slice(cursor), values: bound, replacements };
}

/** Where bindQueryParameters put a `$n::type` in place of a `{{name}}`. */
export interface BoundReplacement {
  sourceStart: number;
  sourceEnd: number;
  boundStart: number;
  boundEnd: number;
}

/**
 * A 1-based position Postgres reported in the bound text, as a 1-based position in the SQL the
 * analyst wrote (a position inside a `$n::type` points at its `{{name}}`), so the editor can mark it.
 */
export function sourcePosition(boundPosition: number, replacements: readonly BoundReplacement[]): number {
  const offset = boundPosition - 1;
  let shift = 0;
  for (const r of replacements) {
    if (offset < r.boundStart) break;
    if (offset < r.boundEnd) return r.sourceStart + 1;
    shift = r.sourceEnd - r.boundEnd;
  }
  return offset + shift + 1;
}
