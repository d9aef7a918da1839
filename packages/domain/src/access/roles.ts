/** The four roles of Dangol. Anything else is refused (fail closed). */
export const ROLES = ["ADMIN", "CRM_MANAGER", "ANALYST", "STORE_STAFF"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The retailer's divisions (source systems) that own stores and memberships. */
export const DIVISIONS = ["DPT", "MART", "SM"] as const;
export type Division = (typeof DIVISIONS)[number];

/** Areas of the app; each page and action belongs to exactly one. */
export const AREAS = [
  "dashboards",
  "customers",
  "segments",
  "campaigns",
  "data",
  "queries",
  "lookup",
  "users",
] as const;
export type Area = (typeof AREAS)[number];

const AREA_ROLES: Record<Area, readonly Role[]> = {
  dashboards: ["ADMIN", "CRM_MANAGER", "ANALYST"],
  customers: ["ADMIN", "CRM_MANAGER"],
  segments: ["ADMIN", "CRM_MANAGER"],
  campaigns: ["ADMIN", "CRM_MANAGER"],
  data: ["ADMIN", "CRM_MANAGER"],
  queries: ["ADMIN", "CRM_MANAGER", "ANALYST"],
  lookup: ["ADMIN", "CRM_MANAGER", "STORE_STAFF"],
  users: ["ADMIN"],
};

export function rolesFor(area: Area): readonly Role[] {
  return AREA_ROLES[area];
}

/** Fail-closed check: an unknown role or area is never allowed. */
export function canAccess(role: unknown, area: Area): boolean {
  return isRole(role) && (AREA_ROLES[area] ?? []).includes(role);
}

/** The areas a role sees in the navigation, in menu order. */
export function areasFor(role: Role): Area[] {
  return AREAS.filter((area) => canAccess(role, area));
}

/** Where a role lands after sign-in. */
export function homeAreaFor(role: Role): Area {
  return role === "STORE_STAFF" ? "lookup" : role === "ANALYST" ? "queries" : "dashboards";
}
