import type { Area } from "@dangol/domain";

/** Where each area lives; the admin-only user screen sits under /admin. */
export const AREA_PATHS: Record<Area, string> = {
  dashboards: "/dashboards",
  customers: "/customers",
  segments: "/segments",
  campaigns: "/campaigns",
  data: "/data",
  queries: "/queries",
  lookup: "/lookup",
  users: "/admin/users",
};
