import { describe, expect, it } from "vitest";
import { editorHref } from "../pivot-editor-link.ts";
import { editorOpening } from "./opening.ts";

const search = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);

describe("editorOpening", () => {
  it("opens what the pivot's link carries: SQL, definitions and values", () => {
    const href = editorHref({
      sql: "SELECT 1 WHERE {{from}} IS NOT NULL",
      parameters: [{ name: "from", type: "date" }],
      values: { from: "last_month_start" },
    });
    expect(editorOpening(search(href))).toEqual({
      sql: "SELECT 1 WHERE {{from}} IS NOT NULL",
      parameters: [{ name: "from", type: "date" }],
      parameterValues: { from: "last_month_start" },
      runId: null,
    });
  });

  it("takes a run id from a notification's link", () => {
    expect(editorOpening({ run: "42" }).runId).toBe("42");
  });

  it("drops malformed parts instead of refusing the page", () => {
    expect(editorOpening({ sql: ["a", "b"], params: "{not json", run: "1;DROP" })).toEqual({
      sql: "",
      parameters: [],
      parameterValues: {},
      runId: null,
    });
    expect(
      editorOpening({ params: JSON.stringify({ definitions: [{ name: "Bad Name", type: "date" }], values: {} }) }),
    ).toMatchObject({ parameters: [] });
  });
});
