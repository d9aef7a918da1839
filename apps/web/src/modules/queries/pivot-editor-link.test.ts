import { describe, expect, it } from "vitest";
import { editorHref } from "./pivot-editor-link.ts";

describe("the link that opens SQL in the editor", () => {
  it("carries the SQL and the parameters as the editor's query string", () => {
    const href = editorHref({
      sql: "SELECT 1 WHERE d >= {{from}} & 1 = 1",
      parameters: [{ name: "from", type: "date" }],
      values: { from: "last_month_start" },
    });
    expect(href.startsWith("/queries/new?")).toBe(true);
    const query = new URL(href, "http://x").searchParams;
    expect(query.get("sql")).toBe("SELECT 1 WHERE d >= {{from}} & 1 = 1");
    expect(JSON.parse(query.get("params") ?? "")).toEqual({
      definitions: [{ name: "from", type: "date" }],
      values: { from: "last_month_start" },
    });
  });

  it("leaves params out when there are none", () => {
    expect(new URL(editorHref({ sql: "SELECT 1" }), "http://x").searchParams.has("params")).toBe(false);
  });
});
