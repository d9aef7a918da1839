import { describe, expect, it } from "vitest";
import {
  bindQueryParameters,
  findPlaceholders,
  inferParameters,
  type QueryParameter,
  QueryParameterError,
  type QueryParameterValues,
  queryParameterSchema,
  queryParametersSchema,
  sourcePosition,
} from "./parameters.ts";

const TODAY = "2026-11-25";

function refusal(run: () => unknown): QueryParameterError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryParameterError) return error;
    throw error;
  }
  throw new Error("expected a QueryParameterError");
}

describe("findPlaceholders", () => {
  it("lists distinct names in order of first appearance, spaces inside the braces allowed", () => {
    expect(findPlaceholders("SELECT {{b}}, {{ a }}, {{b}}, {{  c}}")).toEqual(["b", "a", "c"]);
  });

  it("ignores placeholders in literals and comments, and invalid names", () => {
    expect(findPlaceholders("SELECT '{{a}}' -- {{b}}\n, {{Bad}}, {{ok}}")).toEqual(["ok"]);
  });
});

describe("inferParameters", () => {
  it("keeps existing definitions, guesses new ones and drops those no longer used", () => {
    const existing: QueryParameter[] = [
      { name: "store", type: "number", label: "점포" },
      { name: "gone", type: "text" },
    ];
    expect(
      inferParameters(
        "SELECT {{store}}, {{date_from}}, {{formats}}, {{min_spend}}, {{keyword}}, {{vip_segment}}",
        existing,
      ),
    ).toEqual([
      { name: "store", type: "number", label: "점포" },
      { name: "date_from", type: "date" },
      { name: "formats", type: "formats" },
      { name: "min_spend", type: "number" },
      { name: "keyword", type: "text" },
      { name: "vip_segment", type: "segment" },
    ]);
  });
});

describe("queryParameterSchema", () => {
  it("accepts a well-formed definition and refuses bad names and types", () => {
    expect(queryParameterSchema.parse({ name: "date_from", type: "date" })).toEqual({
      name: "date_from",
      type: "date",
    });
    expect(queryParameterSchema.safeParse({ name: "Date", type: "date" }).success).toBe(false);
    expect(queryParameterSchema.safeParse({ name: "a".repeat(41), type: "date" }).success).toBe(false);
    expect(queryParameterSchema.safeParse({ name: "x", type: "customer" }).success).toBe(false);
    expect(queryParameterSchema.safeParse({ name: "x", type: "segment" }).success).toBe(true);
  });

  it("refuses the same name twice in a list", () => {
    const twice = [
      { name: "x", type: "date" },
      { name: "x", type: "text" },
    ];
    expect(queryParametersSchema.safeParse(twice).success).toBe(false);
  });
});

describe("bindQueryParameters", () => {
  const parameters: QueryParameter[] = [
    { name: "date_from", type: "date" },
    { name: "date_to", type: "date" },
    { name: "min_spend", type: "number" },
    { name: "formats", type: "formats" },
    { name: "keyword", type: "text" },
    { name: "segment", type: "segment" },
  ];

  it("numbers each distinct name once, casts by type and keeps values out of the text", () => {
    const sql =
      "SELECT * FROM receipts WHERE business_date BETWEEN {{date_from}} AND {{ date_to }}\n" +
      "AND net_amount >= {{min_spend}} AND format = ANY({{formats}}) AND business_date <> {{date_from}}";
    const bound = bindQueryParameters(
      sql,
      parameters,
      { date_from: "last_month_start", date_to: "2026-11-24", min_spend: "10000.5", formats: ["MART", "SUPERMARKET"] },
      { today: TODAY },
    );
    expect(bound).toMatchObject({
      text:
        "SELECT * FROM receipts WHERE business_date BETWEEN $1::date AND $2::date\n" +
        "AND net_amount >= $3::numeric AND format = ANY($4::text[]) AND business_date <> $1::date",
      values: ["2026-10-01", "2026-11-24", 10000.5, ["MART", "SUPERMARKET"]],
    });
  });

  it("passes hostile text as a value, never as SQL", () => {
    const bound = bindQueryParameters(
      "SELECT {{keyword}}",
      parameters,
      { keyword: "'; DROP TABLE customer; --" },
      { today: TODAY },
    );
    expect(bound).toMatchObject({ text: "SELECT $1::text", values: ["'; DROP TABLE customer; --"] });
  });

  it("leaves placeholders inside literals and comments alone", () => {
    const sql = "SELECT '{{keyword}}', $$ {{keyword}} $$ /* {{keyword}} */ -- {{keyword}}\n, {{keyword}}";
    expect(bindQueryParameters(sql, parameters, { keyword: "x" }, { today: TODAY }).text).toBe(
      "SELECT '{{keyword}}', $$ {{keyword}} $$ /* {{keyword}} */ -- {{keyword}}\n, $1::text",
    );
  });

  it("binds nothing for SQL without placeholders", () => {
    expect(bindQueryParameters("SELECT 1", [], {}, { today: TODAY })).toMatchObject({ text: "SELECT 1", values: [] });
  });

  it("refuses a literal positional parameter", () => {
    const error = refusal(() => bindQueryParameters("SELECT $1", [], {}, { today: TODAY }));
    expect(error.code).toBe("positional_parameter");
    expect(error.message).toMatch(/\$1/);
  });

  it("refuses a placeholder with no definition, naming it", () => {
    const error = refusal(() => bindQueryParameters("SELECT {{nope}}", parameters, {}, { today: TODAY }));
    expect(error).toMatchObject({ code: "undefined_parameter", parameter: "nope" });
    expect(error.message).toContain("nope");
  });

  it("refuses a placeholder whose name is not valid", () => {
    const error = refusal(() => bindQueryParameters("SELECT {{Bad Name}}", parameters, {}, { today: TODAY }));
    expect(error).toMatchObject({ code: "invalid", parameter: "Bad Name" });
  });

  it("reports a missing value for blank, absent and empty-list values", () => {
    for (const value of [undefined, "", "  ", []]) {
      const values: QueryParameterValues = value === undefined ? {} : { formats: value as string[] };
      const error = refusal(() => bindQueryParameters("SELECT {{formats}}", parameters, values, { today: TODAY }));
      expect(error).toMatchObject({ code: "missing", parameter: "formats" });
    }
  });

  const invalid: [string, unknown][] = [
    ["date_from", "2026-02-30"],
    ["date_from", "last month"],
    ["date_from", 20260101],
    ["min_spend", "12abc"],
    ["min_spend", Number.POSITIVE_INFINITY],
    ["min_spend", "1e400"],
    ["keyword", "x".repeat(1001)],
    ["keyword", 12],
    ["formats", ["MART", "EXTERNAL"]],
    ["formats", ["MART", "MART"]],
    ["formats", "DPT"],
    ["segment", "12; DROP TABLE x"],
    ["segment", "0"],
    ["segment", 1.5],
    ["segment", ["12"]],
  ];
  for (const [name, value] of invalid) {
    it(`refuses ${JSON.stringify(value)?.slice(0, 30)} for ${name}, naming the parameter`, () => {
      const error = refusal(() =>
        bindQueryParameters(`SELECT {{${name}}}`, parameters, { [name]: value } as never, { today: TODAY }),
      );
      expect(error).toMatchObject({ code: "invalid", parameter: name });
      expect(error.message).toContain(`"${name}"`);
    });
  }

  it("binds a segment as its id, cast to bigint", () => {
    const bound = bindQueryParameters(
      "SELECT customer_id FROM segment_members WHERE segment_id = {{segment}}",
      parameters,
      { segment: "42" },
      { today: TODAY },
    );
    expect(bound.text).toContain("segment_id = $1::bigint");
    expect(bound.values).toEqual(["42"]);
  });

  it("accepts a comma-separated list of formats from a form", () => {
    const bound = bindQueryParameters(
      "SELECT {{formats}}",
      parameters,
      { formats: "MART, DEPARTMENT_STORE" },
      { today: TODAY },
    );
    expect(bound.values).toEqual([["MART", "DEPARTMENT_STORE"]]);
  });

  it("accepts 1000 characters of text and numbers given as numbers", () => {
    const bound = bindQueryParameters(
      "SELECT {{keyword}}, {{min_spend}}",
      parameters,
      { keyword: "가".repeat(1000), min_spend: -3 },
      { today: TODAY },
    );
    expect(bound.values).toEqual(["가".repeat(1000), -3]);
  });
});

describe("sourcePosition", () => {
  const sql = "SELECT {{a}} + x, {{long_name}} FROM t WHERE y = {{a}} AND zz";
  const parameters = [
    { name: "a", type: "number" as const },
    { name: "long_name", type: "text" as const },
  ];
  const bound = bindQueryParameters(sql, parameters, { a: 1, long_name: "v" }, { today: "2026-11-24" });
  const at = (text: string, needle: string) => text.indexOf(needle) + 1;

  it("maps positions in the bound text back to the SQL as written", () => {
    expect(sourcePosition(at(bound.text, "SELECT"), bound.replacements)).toBe(1);
    expect(sourcePosition(at(bound.text, "x,"), bound.replacements)).toBe(at(sql, "x,"));
    expect(sourcePosition(at(bound.text, "FROM"), bound.replacements)).toBe(at(sql, "FROM"));
    expect(sourcePosition(at(bound.text, "zz"), bound.replacements)).toBe(at(sql, "zz"));
  });

  it("points a position inside a $n::type at its placeholder", () => {
    expect(sourcePosition(at(bound.text, "$2::text") + 3, bound.replacements)).toBe(at(sql, "{{long_name}}"));
  });
});
