import { describe, expect, it } from "vitest";
import type { Role } from "../access/roles.ts";
import { canEditQuery, canViewQuery } from "./access.ts";

const owner = (role: Role) => ({ id: "u-owner", role });
const other = (role: Role) => ({ id: "u-other", role });
const query = (visibility: "PRIVATE" | "SHARED") => ({ ownerId: "u-owner", visibility });

describe("canViewQuery", () => {
  it("lets the owner see a private query", () => {
    expect(canViewQuery(owner("ANALYST"), query("PRIVATE"))).toBe(true);
  });

  it("hides a private query from other analysts and CRM managers", () => {
    expect(canViewQuery(other("ANALYST"), query("PRIVATE"))).toBe(false);
    expect(canViewQuery(other("CRM_MANAGER"), query("PRIVATE"))).toBe(false);
  });

  it("shows a shared query to every workbench role", () => {
    for (const role of ["ADMIN", "CRM_MANAGER", "ANALYST"] as const) {
      expect(canViewQuery(other(role), query("SHARED")), role).toBe(true);
    }
  });

  it("lets an ADMIN see every query", () => {
    expect(canViewQuery(other("ADMIN"), query("PRIVATE"))).toBe(true);
  });

  it("never shows a query to store staff, not even their own", () => {
    expect(canViewQuery(other("STORE_STAFF"), query("SHARED"))).toBe(false);
    expect(canViewQuery(owner("STORE_STAFF"), query("PRIVATE"))).toBe(false);
  });

  it("fails closed on an unknown role", () => {
    expect(canViewQuery({ id: "u-owner", role: "GUEST" as Role }, query("SHARED"))).toBe(false);
  });
});

describe("canEditQuery", () => {
  it("lets the owner and an ADMIN edit", () => {
    expect(canEditQuery(owner("ANALYST"), query("PRIVATE"))).toBe(true);
    expect(canEditQuery(owner("CRM_MANAGER"), query("SHARED"))).toBe(true);
    expect(canEditQuery(other("ADMIN"), query("PRIVATE"))).toBe(true);
  });

  it("does not let others edit a shared query they can see", () => {
    expect(canEditQuery(other("CRM_MANAGER"), query("SHARED"))).toBe(false);
    expect(canEditQuery(other("ANALYST"), query("SHARED"))).toBe(false);
  });

  it("never lets store staff edit, not even their own", () => {
    expect(canEditQuery(owner("STORE_STAFF"), query("PRIVATE"))).toBe(false);
  });
});
