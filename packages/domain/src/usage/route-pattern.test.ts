import { describe, expect, it } from "vitest";
import { routePatternOf } from "./route-pattern.ts";

const PATTERNS = [
  "/customers",
  "/customers/[id]",
  "/queries",
  "/queries/[id]",
  "/queries/new",
  "/lookup",
  "/lookup/[id]",
  "/lookup/guide",
  "/data/batches/[id]",
  "/docs/[...slug]",
];

describe("routePatternOf", () => {
  it("replaces ids with the folder's parameter name", () => {
    expect(routePatternOf("/customers/123", PATTERNS)).toBe("/customers/[id]");
    expect(routePatternOf("/queries/45", PATTERNS)).toBe("/queries/[id]");
    expect(routePatternOf("/lookup/9", PATTERNS)).toBe("/lookup/[id]");
    expect(routePatternOf("/data/batches/77", PATTERNS)).toBe("/data/batches/[id]");
  });

  it("prefers a static segment over a parameter, whatever the list's order", () => {
    expect(routePatternOf("/queries/new", PATTERNS)).toBe("/queries/new");
    expect(routePatternOf("/lookup/guide", [...PATTERNS].reverse())).toBe("/lookup/guide");
  });

  it("drops the query string, the fragment and a trailing slash", () => {
    expect(routePatternOf("/customers?phone=01012345678&tier=GOLD", PATTERNS)).toBe("/customers");
    expect(routePatternOf("/customers/123/#consent", PATTERNS)).toBe("/customers/[id]");
  });

  it("matches a catch-all to one or more segments", () => {
    expect(routePatternOf("/docs/a/b", PATTERNS)).toBe("/docs/[...slug]");
    expect(routePatternOf("/docs", PATTERNS)).toBeNull();
  });

  it("knows no screen for a path outside the list or deeper than a pattern", () => {
    expect(routePatternOf("/customers/123/edit", PATTERNS)).toBeNull();
    expect(routePatternOf("/nowhere", PATTERNS)).toBeNull();
    expect(routePatternOf("/", PATTERNS)).toBeNull();
  });
});
