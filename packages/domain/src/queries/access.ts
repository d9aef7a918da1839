import { canAccess, type Role } from "../access/roles.ts";

export const QUERY_VISIBILITIES = ["PRIVATE", "SHARED"] as const;
export type QueryVisibility = (typeof QUERY_VISIBILITIES)[number];

export interface QueryViewer {
  id: string;
  role: Role;
}

export interface QueryOwnership {
  ownerId: string;
  visibility: QueryVisibility;
}

/**
 * Who may open a saved query: its owner, anyone of the workbench's roles when it is shared with
 * the CRM team, and an ADMIN always. Roles outside the workbench (STORE_STAFF, anything unknown)
 * never, not even a query they once owned.
 */
export function canViewQuery(user: QueryViewer, query: QueryOwnership): boolean {
  if (!canAccess(user.role, "queries")) return false;
  return user.role === "ADMIN" || user.id === query.ownerId || query.visibility === "SHARED";
}

/** Who may change, share or delete it: the owner or an ADMIN; others duplicate it instead. */
export function canEditQuery(user: QueryViewer, query: QueryOwnership): boolean {
  if (!canAccess(user.role, "queries")) return false;
  return user.role === "ADMIN" || user.id === query.ownerId;
}
