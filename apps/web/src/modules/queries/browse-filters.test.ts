import { describe, expect, it } from "vitest";
import { browseHref, parseBrowseFilters } from "./browse-filters.ts";

describe("query list filters", () => {
  it("reads search, tag and mine from the URL", () => {
    expect(parseBrowseFilters({ q: " 월별 매출 ", tag: "Monthly", mine: "1" })).toEqual({
      q: "월별 매출",
      tag: "monthly",
      mine: true,
    });
  });

  it("treats empty, repeated or oversized values as absent", () => {
    expect(parseBrowseFilters({ q: "", tag: ["a", "b"], mine: "yes" })).toEqual({
      q: undefined,
      tag: undefined,
      mine: false,
    });
    expect(parseBrowseFilters({ tag: "x".repeat(31) }).tag).toBeUndefined();
  });

  it("builds the list URL back from the filters", () => {
    expect(browseHref({ q: "a b", tag: "kpi", mine: true })).toBe("/queries?q=a+b&tag=kpi&mine=1");
    expect(browseHref({ mine: false })).toBe("/queries");
  });
});
