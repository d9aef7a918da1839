import { DASHBOARD_FORMATS, DASHBOARD_PERIODS, type DashboardFilters } from "@dangol/analytics/dashboards";
import { z } from "zod";
import { type CustomerFilters, customersHref } from "../customers/filters.ts";

/**
 * The page-wide filters live in the URL (a GET form), so a view can be bookmarked and shared. A bad
 * or repeated value counts as absent (the default) rather than failing the page, like the customer list.
 */
const pageFiltersSchema = z.object({
  format: z.enum(DASHBOARD_FORMATS).nullable().catch(null).default(null),
  sido: z.string().trim().min(1).max(32).nullable().catch(null).default(null),
  months: z.coerce
    .number()
    .pipe(z.union(DASHBOARD_PERIODS.map((n) => z.literal(n))))
    .catch(12)
    .default(12),
});

export function parseDashboardFilters(params: Record<string, string | string[] | undefined>): DashboardFilters {
  const single = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) || v === "" ? undefined : v]),
  );
  return pageFiltersSchema.parse(single);
}

/** The query string of these filters (defaults left out), for tabs and CSV links. */
export function dashboardQuery(f: DashboardFilters): string {
  const params = new URLSearchParams();
  if (f.format) params.set("format", f.format);
  if (f.sido) params.set("sido", f.sido);
  if (f.months !== 12) params.set("months", String(f.months));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Extra customer-list filters naming the customers behind one figure. */
export type CustomerSelection = Partial<Omit<CustomerFilters, "after" | "key" | "name">>;

/** The customer list behind a figure: ACTIVE customers, the page's format and region, and the figure's own filter. */
export function customersBehind(f: DashboardFilters, selection: CustomerSelection): string {
  return customersHref({
    status: "ACTIVE",
    format: f.format ?? undefined,
    sido: f.sido ?? undefined,
    ...selection,
  });
}
