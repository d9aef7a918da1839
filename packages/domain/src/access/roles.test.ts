import { describe, expect, it } from "vitest";
import { AREAS, areasFor, canAccess, homeAreaFor, ROLES } from "./roles.ts";

describe("canAccess", () => {
  it("shows each role exactly its areas", () => {
    expect(areasFor("ADMIN")).toEqual([
      "dashboards",
      "customers",
      "segments",
      "campaigns",
      "data",
      "queries",
      "lookup",
      "users",
    ]);
    expect(areasFor("CRM_MANAGER")).toEqual([
      "dashboards",
      "customers",
      "segments",
      "campaigns",
      "data",
      "queries",
      "lookup",
    ]);
    expect(areasFor("ANALYST")).toEqual(["dashboards", "queries"]);
    expect(areasFor("STORE_STAFF")).toEqual(["lookup"]);
  });

  it("refuses unknown roles and non-string values (fail closed)", () => {
    for (const area of AREAS) {
      expect(canAccess("SUPERUSER", area)).toBe(false);
      expect(canAccess(undefined, area)).toBe(false);
      expect(canAccess({ role: "ADMIN" }, area)).toBe(false);
    }
  });

  it("keeps store staff out of every CRM-team area", () => {
    for (const area of ["dashboards", "customers", "segments", "campaigns", "data", "queries", "users"] as const) {
      expect(canAccess("STORE_STAFF", area)).toBe(false);
    }
  });

  it("lands each role on a page it may open", () => {
    for (const role of ROLES) expect(canAccess(role, homeAreaFor(role))).toBe(true);
  });
});
