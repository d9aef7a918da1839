import { DIVISIONS } from "@dangol/domain";
import { LIFECYCLE_STAGES } from "@dangol/domain/lifecycle";
import { type LookupKey, parseLookupInput } from "@dangol/domain/lookup";
import { RFM_SEGMENTS } from "@dangol/domain/rfm";
import { z } from "zod";

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const text = (max: number) => optional(z.string().trim().min(1).max(max));

/**
 * The customer list's URL (GET form, shareable): a bad or repeated value counts as absent rather
 * than failing the page. Every filter is one indexed probe: tier and lifecycle stage on
 * customer_metrics, region on customer (sido, sigungu), format on the links, and the search key
 * as in the store lookup (last 4 + name, full phone, card or member number).
 */
export const customerFiltersSchema = z.object({
  tier: text(16),
  stage: optional(z.enum(LIFECYCLE_STAGES)),
  format: optional(z.enum(DIVISIONS)),
  sido: text(32),
  key: text(40),
  name: text(50),
  // The dashboards' "customers behind a number" (each matches one dashboard figure's definition):
  status: optional(z.enum(["ACTIVE", "INFERRED", "WITHDRAWN"])),
  /** bought in the tier window (visits_12m > 0) */
  active: optional(z.literal("1")),
  combo: optional(z.string().regex(/^(NONE|(DPT|MART|SM)(\+(MART|SM)){0,2})$/)),
  r: optional(z.enum(["1", "2", "3", "4", "5"])),
  f: optional(z.enum(["1", "2", "3", "4", "5"])),
  rfm: optional(z.enum(RFM_SEGMENTS)),
  /** RFM group in the previous month's snapshot */
  rfmFrom: optional(z.enum(RFM_SEGMENTS)),
  /** held tier the day before / on the latest evaluation day ("NONE" = no tier held before) */
  tierFrom: text(16),
  tierTo: text(16),
  watch: optional(z.enum(["upgrade", "downgrade"])),
  /** bought (a sale) in this month; `buyer` splits first-time buyers of that month from returning ones */
  bought: optional(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  buyer: optional(z.enum(["new", "returning"])),
  /** first purchase at `gained` on or after `since`, after an earlier purchase at `gainedFrom` */
  gained: optional(z.enum(DIVISIONS)),
  gainedFrom: optional(z.enum(DIVISIONS)),
  since: optional(z.iso.date()),
  /** saved segments' members (a segment's or an overlap region's "customers behind"): in all of `segment`, in none of `notSegment` */
  segment: optional(z.string().regex(/^\d{1,18}(,\d{1,18}){0,2}$/)),
  notSegment: optional(z.string().regex(/^\d{1,18}(,\d{1,18}){0,2}$/)),
  /** keyset paging: the last id of the previous page */
  after: optional(z.string().regex(/^\d{1,18}$/)),
});
export type CustomerFilters = z.output<typeof customerFiltersSchema>;

export type ParsedFilters =
  | { ok: true; filters: CustomerFilters; key: LookupKey | null }
  | { ok: false; filters: CustomerFilters; reason: "needName" | "needKey" | "badKey" };

export function parseCustomerFilters(params: Record<string, string | string[] | undefined>): ParsedFilters {
  const single = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? undefined : v]));
  const filters = customerFiltersSchema.parse(single);
  const parsed = parseLookupInput({ key: filters.key, name: filters.name });
  if (parsed.kind === "invalid") return { ok: false, filters, reason: parsed.reason };
  return { ok: true, filters, key: parsed.kind === "search" ? parsed.key : null };
}

/** The list's URL for these filters (paging cursor replaced). */
export function customersHref(filters: CustomerFilters, after?: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, after })) if (v) params.set(k, v);
  const query = params.toString();
  return query ? `/customers?${query}` : "/customers";
}
