import { describe, expect, it } from "vitest";
import { benchDatabaseUrl } from "./analytics.ts";
import { basketLine } from "./analytics-baskets.ts";

describe("bench analytics helpers", () => {
  it("defaults to BENCH_DATABASE_URL, else the dangol_bench database on DATABASE_URL's server", () => {
    expect(benchDatabaseUrl({ BENCH_DATABASE_URL: "postgresql://a@h/x", DATABASE_URL: "postgresql://b@h/y" })).toBe(
      "postgresql://a@h/x",
    );
    expect(benchDatabaseUrl({ DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/dangol?sslmode=disable" })).toBe(
      "postgresql://u:p@127.0.0.1:5432/dangol_bench?sslmode=disable",
    );
    expect(() => benchDatabaseUrl({})).toThrow(/DATABASE_URL/);
  });

  it("writes a basket as dangol analyze rules reads it: CSV-quoted items, an empty basket as an empty line", () => {
    expect(basketLine(["milk", "bread, white", 'say "hi"'])).toBe('milk,"bread, white","say ""hi"""');
    expect(basketLine([])).toBe("");
  });
});
