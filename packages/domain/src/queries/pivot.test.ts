import { describe, expect, it } from "vitest";
import { bindQueryParameters, findPlaceholders } from "./parameters.ts";
import { buildPivotQuery, PIVOT_DIMENSIONS, PIVOT_MEASURES, type PivotSpec, pivotSpecSchema } from "./pivot.ts";

const TODAY = "2026-11-25";
const period = { dateFrom: "last_month_start", dateTo: "last_month_end" };

const build = (input: unknown) => buildPivotQuery(pivotSpecSchema.parse(input));

const problems = (input: unknown) => {
  const parsed = pivotSpecSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

/** Table aliases the SQL uses (`x.column`) and those FROM / JOIN declare. */
function aliases(sql: string) {
  const used = new Set([...sql.matchAll(/\b([a-z]\w*)\.[a-z_]+\b/g)].map((m) => m[1]!));
  used.delete("analytics");
  const declared = new Set([...sql.matchAll(/(?:FROM|JOIN) analytics\.\w+ (\w+)/g)].map((m) => m[1]!));
  return { used, declared };
}

describe("buildPivotQuery", () => {
  it("writes readable SQL over receipts with the period as date parameters", () => {
    const query = build({ measures: ["spend", "receipts"], dimensions: ["month", "format"], filters: period });
    expect(query.sql).toBe(
      [
        "SELECT to_char(f.business_date, 'YYYY-MM') AS month,",
        "       f.format AS format,",
        "       sum(f.net_amount) AS spend,",
        "       count(DISTINCT f.receipt_id) AS receipts",
        "  FROM analytics.receipts f",
        " WHERE f.business_date >= {{date_from}}",
        "   AND f.business_date <= {{date_to}}",
        " GROUP BY 1, 2",
        " ORDER BY month, format",
        " LIMIT 10000",
      ].join("\n"),
    );
    expect(query.parameters.map((p) => [p.name, p.type])).toEqual([
      ["date_from", "date"],
      ["date_to", "date"],
    ]);
    expect(query.parameterValues).toEqual({ date_from: "last_month_start", date_to: "last_month_end" });
  });

  it("switches to receipt lines and their amount when a category is a dimension", () => {
    const { sql } = build({ measures: ["spend", "avg_basket"], dimensions: ["category_l2"], filters: period });
    expect(sql).toContain("FROM analytics.receipt_lines f");
    expect(sql).toContain("LEFT JOIN analytics.categories k2 ON k2.category_code = f.category_l2");
    expect(sql).toContain("coalesce(k2.name_ko, '(미분류)') AS category_l2");
    expect(sql).toContain("sum(f.amount) AS spend");
    expect(sql).toContain("round(sum(f.amount) / nullif(count(DISTINCT f.receipt_id), 0)) AS avg_basket");
    expect(sql).not.toContain("net_amount");
  });

  it("turns every filter into a parameter, joining what the filter needs once", () => {
    const query = build({
      measures: ["customers"],
      dimensions: ["region", "tier"],
      filters: {
        dateFrom: "2026-01-01",
        dateTo: "2026-06-30",
        formats: ["MART", "SUPERMARKET"],
        tiers: ["GOLD", "VIP"],
        lifecycleStages: ["at_risk"],
        regions: ["서울특별시", "경기도"],
      },
    });
    expect(query.sql).toContain(
      [
        "  FROM analytics.receipts f",
        "  LEFT JOIN analytics.customers c ON c.customer_id = f.customer_id",
        "  LEFT JOIN analytics.customer_metrics m ON m.customer_id = f.customer_id",
        " WHERE f.business_date >= {{date_from}}",
        "   AND f.business_date <= {{date_to}}",
        "   AND f.format = ANY({{formats}})",
        "   AND c.tier_code = ANY(string_to_array({{tiers}}, ','))",
        "   AND m.lifecycle_stage = ANY(string_to_array({{lifecycle_stages}}, ','))",
        "   AND c.sido = ANY(string_to_array({{regions}}, ','))",
      ].join("\n"),
    );
    expect(query.parameterValues).toEqual({
      date_from: "2026-01-01",
      date_to: "2026-06-30",
      formats: ["MART", "SUPERMARKET"],
      tiers: "GOLD,VIP",
      lifecycle_stages: "at_risk",
      regions: "서울특별시,경기도",
    });
    // No filter value is ever written into the SQL text.
    for (const value of ["GOLD", "서울특별시", "at_risk", "MART", "2026-01-01"]) expect(query.sql).not.toContain(value);
  });

  it("treats empty optional lists as no filter", () => {
    const { sql, parameters } = build({
      measures: ["spend"],
      dimensions: [],
      filters: { ...period, formats: [], tiers: [] },
    });
    expect(parameters).toHaveLength(2);
    expect(sql).not.toContain("ANY(");
    expect(sql).not.toContain("GROUP BY");
    expect(sql).not.toContain("ORDER BY");
  });

  const shapes = [
    ...PIVOT_DIMENSIONS.map((d) => ({ measures: ["spend"], dimensions: [d] })),
    ...PIVOT_MEASURES.map((m) => ({ measures: [m], dimensions: ["month"] })),
    { measures: PIVOT_MEASURES.filter((m) => m !== "points"), dimensions: ["category_l1", "category_l3", "age_band"] },
    { measures: [...PIVOT_MEASURES], dimensions: ["store", "lifecycle", "division"] },
  ];
  for (const shape of shapes) {
    it(`writes the same statement shape for ${shape.measures.join("+")} by ${shape.dimensions.join("+")}`, () => {
      const spec = { ...shape, filters: { ...period, formats: ["MART"], tiers: ["GOLD"] } };
      const query = build(spec);
      const lines = query.sql.split("\n");
      expect(lines[0]).toMatch(/^SELECT /);
      expect(lines.find((l) => l.startsWith("  FROM "))).toMatch(/^ {2}FROM analytics\.(receipts|receipt_lines) f$/);
      expect(lines.filter((l) => l.startsWith(" GROUP BY"))).toEqual([
        ` GROUP BY ${shape.dimensions.map((_, i) => i + 1).join(", ")}`,
      ]);
      expect(lines.at(-2)).toBe(` ORDER BY ${shape.dimensions.join(", ")}`);
      expect(lines.at(-1)).toBe(" LIMIT 10000");
      // One output column per dimension and measure, named after it.
      const outputs = [...query.sql.matchAll(/ AS (\w+)(?:,|\n)/g)].map((m) => m[1]);
      expect(outputs).toEqual([...shape.dimensions, ...shape.measures]);
      // Parentheses balance and every alias used is joined exactly once.
      expect(query.sql.split("(").length).toBe(query.sql.split(")").length);
      const { used, declared } = aliases(query.sql);
      expect([...used].sort()).toEqual([...declared].sort());
      expect(new Set(lines.filter((l) => l.includes("JOIN"))).size).toBe(
        lines.filter((l) => l.includes("JOIN")).length,
      );
      // Every placeholder has a definition and a value the binder accepts.
      expect(findPlaceholders(query.sql)).toEqual(query.parameters.map((p) => p.name));
      const bound = bindQueryParameters(query.sql, query.parameters, query.parameterValues, { today: TODAY });
      expect(bound.values).toEqual(["2026-10-01", "2026-10-31", ["MART"], "GOLD"]);
      expect(bound.text).not.toContain("{{");
    });
  }
});

describe("pivotSpecSchema", () => {
  const base: PivotSpec = { measures: ["spend"], dimensions: ["month"], filters: period };

  it("accepts calendar dates and relative tokens for the period", () => {
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, filters: { dateFrom: "2026-01-01", dateTo: "today" } })).toEqual([]);
  });

  it("refuses points with a category dimension, saying why", () => {
    expect(problems({ ...base, measures: ["points"], dimensions: ["category_l1"] })).toEqual([
      "measures: points are earned per receipt, not per item: drop the category dimension or the points measure",
    ]);
  });

  it("refuses no measure, unknown or repeated names and more than three dimensions", () => {
    expect(problems({ ...base, measures: [] })).toEqual(["measures: pick at least one measure"]);
    expect(problems({ ...base, measures: ["margin"] })).toHaveLength(1);
    expect(problems({ ...base, measures: ["spend", "spend"] })).toEqual(["measures: each measure may appear once"]);
    expect(problems({ ...base, dimensions: ["month", "format", "store", "tier"] })).toEqual([
      "dimensions: pick at most 3 dimensions",
    ]);
  });

  it("refuses a missing or backwards period", () => {
    expect(problems({ ...base, filters: { dateFrom: "2026-02-30", dateTo: "today" } })[0]).toMatch(
      /^filters\.dateFrom: must be a date/,
    );
    expect(problems({ ...base, filters: { dateTo: "today" } })).toHaveLength(1);
    expect(problems({ ...base, filters: { dateFrom: "2026-03-01", dateTo: "2026-02-01" } })).toEqual([
      "filters.dateTo: must not be before dateFrom",
    ]);
  });

  it("refuses filter values that are not known codes, so none can carry SQL", () => {
    const bad = [
      { formats: ["EXTERNAL"] },
      { tiers: ["GOLD','x"] },
      { tiers: ["gold"] },
      { tiers: ["A,B"] },
      { lifecycleStages: ["ACTIVE"] },
      { regions: ["서울"] },
      { regions: ["경기도", "경기도"] },
    ];
    for (const filter of bad) {
      expect(problems({ ...base, filters: { ...period, ...filter } }), JSON.stringify(filter)).toHaveLength(1);
    }
  });
});
