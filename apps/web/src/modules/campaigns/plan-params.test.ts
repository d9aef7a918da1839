import { describe, expect, it } from "vitest";
import { compareRange, monthView, parseCompareParams, seoulDay, sortComparison } from "./plan-params.ts";

describe("comparison URL parameters", () => {
  it("keeps a known theme, real dates and a known sort; drops the rest and flags a bad date", () => {
    expect(parseCompareParams({ theme: "win_back", from: "2026-11-01", to: "2026-11-30", sort: "roi" })).toEqual({
      theme: "win_back",
      from: "2026-11-01",
      to: "2026-11-30",
      sort: "roi",
      badDate: false,
    });
    expect(parseCompareParams({ theme: "nope", from: "2026-02-30", sort: "x" })).toEqual({
      theme: undefined,
      from: undefined,
      to: undefined,
      sort: "recent",
      badDate: true,
    });
  });

  it("turns the days into Seoul instants, the end day included", () => {
    const r = compareRange({ theme: undefined, from: "2026-11-01", to: "2026-11-30", sort: "recent", badDate: false });
    expect(r.launchedFrom?.toISOString()).toBe("2026-10-31T15:00:00.000Z");
    expect(r.launchedTo?.toISOString()).toBe("2026-11-30T15:00:00.000Z");
  });

  it("sorts by ROI or lift, highest first, nulls last", () => {
    const rows = [
      { id: "a", roi: null, rateDifference: 0.01 },
      { id: "b", roi: 0.5, rateDifference: null },
      { id: "c", roi: 2, rateDifference: 0.03 },
    ];
    expect(sortComparison(rows, "roi").map((r) => r.id)).toEqual(["c", "b", "a"]);
    expect(sortComparison(rows, "lift").map((r) => r.id)).toEqual(["c", "a", "b"]);
    expect(sortComparison(rows, "recent").map((r) => r.id)).toEqual(["a", "b", "c"]);
  });
});

describe("monthView", () => {
  it("lays a month out in whole Sunday-first weeks with its neighbours", () => {
    const m = monthView("2026-11");
    expect([m.month, m.prev, m.next, m.first, m.last]).toEqual([
      "2026-11",
      "2026-10",
      "2026-12",
      "2026-11-01",
      "2026-11-30",
    ]);
    // 2026-11-01 is a Sunday; the 30th a Monday, so the grid ends on Saturday 12-05
    expect(m.days[0]).toEqual({ day: "2026-11-01", inMonth: true });
    expect(m.days.at(-1)).toEqual({ day: "2026-12-05", inMonth: false });
    expect(m.days.length % 7).toBe(0);
    expect(monthView("2027-01").prev).toBe("2026-12");
  });

  it("uses the Seoul month of now when the parameter is missing or malformed", () => {
    // 2026-11-30 16:00 UTC is already December 1st in Seoul
    expect(monthView("2026-13", new Date("2026-11-30T16:00:00Z")).month).toBe("2026-12");
    expect(seoulDay(new Date("2026-11-30T16:00:00Z"))).toBe("2026-12-01");
  });
});
