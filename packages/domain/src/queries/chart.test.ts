import { describe, expect, it } from "vitest";
import { type ChartColumn, ChartSpecError, chartData, chartSpecSchema, MAX_CHART_SERIES } from "./chart.ts";

const problems = (input: unknown) => {
  const parsed = chartSpecSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("chartSpecSchema", () => {
  it("accepts the usual shapes", () => {
    expect(problems({ kind: "line", x: "month", y: ["spend", "receipts"] })).toEqual([]);
    expect(problems({ kind: "stacked_bar", x: "month", y: ["spend"], series: "format" })).toEqual([]);
    expect(problems({ kind: "pie", x: "format", y: ["spend"] })).toEqual([]);
    expect(problems({ kind: "scatter", x: "visits", y: ["spend"] })).toEqual([]);
  });

  it("refuses an empty y, more than eight y columns and repeats", () => {
    expect(problems({ kind: "bar", x: "a", y: [] })).toEqual(["pick at least one y column"]);
    expect(problems({ kind: "bar", x: "a", y: Array.from({ length: 9 }, (_, i) => `y${i}`) })).toEqual([
      "pick at most 8 y columns",
    ]);
    expect(problems({ kind: "bar", x: "a", y: ["b", "b"] })).toEqual(["each y column may appear once"]);
  });

  it("asks a pie for one y and no series, a scatter for one y", () => {
    expect(problems({ kind: "pie", x: "a", y: ["b", "c"] })).toContain("a pie chart shows exactly one y column");
    expect(problems({ kind: "pie", x: "a", y: ["b"], series: "c" })).toContain("a pie chart has no series column");
    expect(problems({ kind: "scatter", x: "a", y: ["b", "c"] })).toContain(
      "a scatter chart shows exactly one y column",
    );
  });

  it("asks a series chart for one y and a distinct series column", () => {
    expect(problems({ kind: "line", x: "a", y: ["b", "c"], series: "d" })).toContain(
      "with a series column, pick exactly one y column",
    );
    expect(problems({ kind: "line", x: "a", y: ["b"], series: "a" })).toContain(
      "the series column must differ from the x and y columns",
    );
  });

  it("refuses an unknown kind", () => {
    expect(problems({ kind: "donut", x: "a", y: ["b"] })).toHaveLength(1);
  });
});

describe("chartData", () => {
  const columns: ChartColumn[] = [
    { name: "day", type: "date" },
    { name: "format", type: "text" },
    { name: "spend", type: "number" },
    { name: "receipts", type: "number" },
  ];

  it("coerces numeric text and keeps dates as days, sorting a line chart by x", () => {
    const rows = [
      [new Date("2026-11-02T00:00:00Z"), "MART", "200.5", 3n],
      ["2026-11-01", "MART", 100, "2"],
      ["2026-11-03T00:00:00.000Z", "MART", null, "x"],
    ];
    expect(chartData(columns, rows, { kind: "line", x: "day", y: ["spend", "receipts"] })).toEqual({
      data: [
        { day: "2026-11-01", spend: 100, receipts: 2 },
        { day: "2026-11-02", spend: 200.5, receipts: 3 },
        { day: "2026-11-03", spend: null, receipts: null },
      ],
      seriesKeys: ["spend", "receipts"],
      omittedSeries: 0,
    });
  });

  it("keeps the result's order for bar charts", () => {
    const rows = [
      ["2026-11-02", "MART", 1, 1],
      ["2026-11-01", "MART", 2, 1],
    ];
    const { data } = chartData(columns, rows, { kind: "bar", x: "day", y: ["spend"] });
    expect(data.map((d) => d.day)).toEqual(["2026-11-02", "2026-11-01"]);
  });

  it("pivots long rows into one key per series value, adding repeats and leaving gaps null", () => {
    const rows = [
      ["2026-11-01", "MART", "100", 1],
      ["2026-11-01", "SUPERMARKET", "50", 1],
      ["2026-11-02", "MART", "70", 1],
      ["2026-11-02", "MART", "30", 1],
    ];
    expect(chartData(columns, rows, { kind: "stacked_bar", x: "day", y: ["spend"], series: "format" })).toEqual({
      data: [
        { day: "2026-11-01", MART: 100, SUPERMARKET: 50 },
        { day: "2026-11-02", MART: 100, SUPERMARKET: null },
      ],
      seriesKeys: ["MART", "SUPERMARKET"],
      omittedSeries: 0,
    });
  });

  it("keeps the twelve largest series and counts the rest", () => {
    const rows = Array.from({ length: 15 }, (_, i) => ["2026-11-01", `S${i}`, i + 1, 1]);
    const { seriesKeys, omittedSeries, data } = chartData(columns, rows, {
      kind: "bar",
      x: "day",
      y: ["spend"],
      series: "format",
    });
    expect(seriesKeys).toHaveLength(MAX_CHART_SERIES);
    expect(seriesKeys[0]).toBe("S14");
    expect(seriesKeys).not.toContain("S0");
    expect(omittedSeries).toBe(3);
    expect(Object.keys(data[0]!)).toHaveLength(MAX_CHART_SERIES + 1);
  });

  it("labels null x and series values", () => {
    const rows = [[null, null, 5, 1]];
    expect(chartData(columns, rows, { kind: "bar", x: "format", y: ["spend"], series: "day" }).data).toEqual([
      { format: "(null)", "(null)": 5 },
    ]);
  });

  it("gives a scatter chart numeric x values in order", () => {
    const rows = [
      ["2026-11-01", "MART", "300", "3"],
      ["2026-11-01", "MART", "100", "1"],
    ];
    expect(chartData(columns, rows, { kind: "scatter", x: "receipts", y: ["spend"] }).data).toEqual([
      { receipts: 1, spend: 100 },
      { receipts: 3, spend: 300 },
    ]);
  });

  it("names a missing column", () => {
    expect(() => chartData(columns, [], { kind: "bar", x: "month", y: ["spend"] })).toThrow(
      new ChartSpecError('Column "month" is not in the result', "month"),
    );
    expect(() => chartData(columns, [], { kind: "bar", x: "day", y: ["spend"], series: "tier" })).toThrow(/"tier"/);
  });

  it("names a y column that is not numeric, and a text x on a scatter chart", () => {
    expect(() => chartData(columns, [], { kind: "bar", x: "day", y: ["format"] })).toThrow(
      'Column "format" is not numeric, so it cannot be a y value',
    );
    expect(() => chartData(columns, [], { kind: "scatter", x: "format", y: ["spend"] })).toThrow(
      /"format" is not numeric/,
    );
  });
});
