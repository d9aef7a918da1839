import type { Area } from "@dangol/domain";

/**
 * Every screen of the signed-in app (a page.tsx under app/(app) or app/(store)) as its route pattern, with the
 * area whose roles may open it. The usage page lists them all, so a screen nobody opens shows as
 * unused; screens.test.ts fails when a page is added or removed without updating this list.
 */
export const SCREENS = [
  { pattern: "/dashboards", area: "dashboards" },
  { pattern: "/dashboards/tiers", area: "dashboards" },
  { pattern: "/dashboards/rfm", area: "dashboards" },
  { pattern: "/dashboards/cross-format", area: "dashboards" },
  { pattern: "/analytics", area: "dashboards" },
  { pattern: "/analytics/tiers", area: "dashboards" },
  { pattern: "/analytics/cross-sell", area: "customers" },
  { pattern: "/customers", area: "customers" },
  { pattern: "/customers/[id]", area: "customers" },
  { pattern: "/segments", area: "segments" },
  { pattern: "/segments/new", area: "segments" },
  { pattern: "/segments/[id]", area: "segments" },
  { pattern: "/segments/overlap", area: "segments" },
  { pattern: "/campaigns", area: "campaigns" },
  { pattern: "/campaigns/new", area: "campaigns" },
  { pattern: "/campaigns/[id]", area: "campaigns" },
  { pattern: "/campaigns/[id]/edit", area: "campaigns" },
  { pattern: "/campaigns/calendar", area: "campaigns" },
  { pattern: "/campaigns/compare", area: "campaigns" },
  { pattern: "/campaigns/settings", area: "campaigns" },
  { pattern: "/data", area: "data" },
  { pattern: "/data/batches/[id]", area: "data" },
  { pattern: "/queries", area: "queries" },
  { pattern: "/queries/new", area: "queries" },
  { pattern: "/queries/[id]", area: "queries" },
  { pattern: "/queries/dashboard", area: "queries" },
  { pattern: "/queries/pivot", area: "queries" },
  { pattern: "/queries/schema", area: "queries" },
  { pattern: "/lookup", area: "lookup" },
  { pattern: "/lookup/[id]", area: "lookup" },
  { pattern: "/lookup/guide", area: "lookup" },
  { pattern: "/admin/users", area: "users" },
  { pattern: "/admin/usage", area: "users" },
] as const satisfies readonly { pattern: string; area: Area }[];

export type ScreenPattern = (typeof SCREENS)[number]["pattern"];

export const SCREEN_PATTERNS: readonly ScreenPattern[] = SCREENS.map((screen) => screen.pattern);
