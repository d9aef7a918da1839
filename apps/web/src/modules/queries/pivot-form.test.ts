import { describe, expect, it } from "vitest";
import { DEFAULT_FROM, DEFAULT_TO, parsePivotForm, pivotChart } from "./pivot-form.ts";

describe("the pivot page's URL", () => {
  it("is the empty start without measures or dimensions, with a year back as the default period", () => {
    const parsed = parsePivotForm({});
    expect(parsed.state).toBe("start");
    expect(parsed.form).toMatchObject({ from: DEFAULT_FROM, to: DEFAULT_TO, measures: [], dimensions: [] });
  });

  it("reads repeated measures, the dimension slots in order and the filters into a pivot spec", () => {
    const parsed = parsePivotForm({
      m: ["spend", "receipts"],
      d1: "month",
      d2: "",
      d3: "format",
      from: "2026-01-01",
      to: "last_month_end",
      f: ["MART", "SUPERMARKET"],
      stage: "active",
    });
    expect(parsed.state).toBe("ok");
    if (parsed.state !== "ok") return;
    expect(parsed.spec.measures).toEqual(["spend", "receipts"]);
    expect(parsed.spec.dimensions).toEqual(["month", "format"]);
    expect(parsed.spec.filters).toMatchObject({
      dateFrom: "2026-01-01",
      dateTo: "last_month_end",
      formats: ["MART", "SUPERMARKET"],
      lifecycleStages: ["active"],
    });
  });

  it("names the field of the first refusal", () => {
    const noMeasure = parsePivotForm({ d1: "month" });
    expect(noMeasure).toMatchObject({ state: "invalid", reason: expect.stringMatching(/^measures: /) });
    const badDate = parsePivotForm({ m: "spend", from: "yesterday-ish" });
    expect(badDate).toMatchObject({ state: "invalid", reason: expect.stringMatching(/^filters\.dateFrom: /) });
  });

  it("charts months as a line with the second dimension as series, and nothing without a dimension", () => {
    const ok = parsePivotForm({ m: ["spend", "receipts"], d1: "month", d2: "format" });
    if (ok.state !== "ok") throw new Error(ok.state);
    expect(pivotChart(ok.spec)).toEqual({ kind: "line", x: "month", y: ["spend"], series: "format" });
    const total = parsePivotForm({ m: "spend" });
    if (total.state !== "ok") throw new Error(total.state);
    expect(pivotChart(total.spec)).toBeNull();
  });
});
