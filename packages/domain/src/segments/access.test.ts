import { describe, expect, it } from "vitest";
import { segmentExportPolicy } from "./access.ts";

describe("segment export policy", () => {
  it("gives personal columns to admins and CRM managers only, analysts none, and nothing to store staff", () => {
    expect(segmentExportPolicy("ADMIN")).toEqual({ allowed: true, pii: true });
    expect(segmentExportPolicy("CRM_MANAGER")).toEqual({ allowed: true, pii: true });
    expect(segmentExportPolicy("ANALYST")).toEqual({ allowed: true, pii: false });
    expect(segmentExportPolicy("STORE_STAFF")).toEqual({ allowed: false });
    expect(segmentExportPolicy("SOMEONE")).toEqual({ allowed: false });
  });
});
