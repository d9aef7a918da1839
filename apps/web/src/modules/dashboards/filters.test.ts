import { expect, it } from "vitest";
import { customersBehind, dashboardQuery, parseDashboardFilters } from "./filters.ts";

it("reads the page filters from the URL, a bad or repeated value falling back to the default", () => {
  expect(parseDashboardFilters({ format: "MART", sido: " 부산광역시 ", months: "6" })).toEqual({
    format: "MART",
    sido: "부산광역시",
    months: 6,
  });
  expect(parseDashboardFilters({ format: "HQ", sido: ["a", "b"], months: "7" })).toEqual({
    format: null,
    sido: null,
    months: 12,
  });
  expect(parseDashboardFilters({ format: "", sido: "" })).toEqual({ format: null, sido: null, months: 12 });
});

it("writes the filters back, defaults left out", () => {
  expect(dashboardQuery({ format: "SM", sido: null, months: 12 })).toBe("?format=SM");
  expect(dashboardQuery({ format: null, sido: null, months: 12 })).toBe("");
  expect(dashboardQuery({ format: null, sido: "서울특별시", months: 3 })).toBe(
    `?sido=${encodeURIComponent("서울특별시")}&months=3`,
  );
});

it("links a figure to the active customers under the page's filters and the figure's own", () => {
  expect(customersBehind({ format: "DPT", sido: null, months: 6 }, { tier: "GOLD" })).toBe(
    "/customers?status=ACTIVE&format=DPT&tier=GOLD",
  );
});
