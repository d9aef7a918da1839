import { analystConnectionString, executeAnalystQuery } from "@dangol/workbench";
import { describe, expect, it } from "vitest";
import { ANALYST_QUESTIONS } from "./queries-questions.ts";

describe("bench queries: the ten analyst questions", () => {
  it("are ten distinct questions", () => {
    expect(ANALYST_QUESTIONS).toHaveLength(10);
    expect(new Set(ANALYST_QUESTIONS.map((q) => q.key)).size).toBe(10);
  });

  it.each(ANALYST_QUESTIONS)("$key runs as the query role through the workbench path", async ({ sql }) => {
    const analyst = analystConnectionString(process.env.DATABASE_URL);
    const result = await executeAnalystQuery(analyst, { text: sql, values: [] }, { timeoutMs: 10_000, rowCap: 1_000 });
    expect(result.columns.length).toBeGreaterThan(1);
    expect(result.truncated).toBe(false);
  });
});
