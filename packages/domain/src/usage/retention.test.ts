import { describe, expect, it } from "vitest";
import { PAGE_VIEW_RETENTION_DAYS, pageViewRetentionCutoff } from "./retention.ts";

describe("pageViewRetentionCutoff", () => {
  it("keeps 400 days of page views", () => {
    expect(PAGE_VIEW_RETENTION_DAYS).toBe(400);
    expect(pageViewRetentionCutoff(new Date("2026-11-24T00:00:00Z")).toISOString()).toBe("2025-10-20T00:00:00.000Z");
  });
});
