import { z } from "zod";

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * The query list's URL (a GET form, so it is shareable and works without JavaScript): a bad or
 * repeated value counts as absent rather than failing the page.
 */
export const browseFiltersSchema = z.object({
  q: optional(z.string().trim().min(1).max(200)),
  tag: optional(z.string().trim().toLowerCase().min(1).max(30)),
  /** a checkbox: present ("1") = only the reader's own queries */
  mine: z
    .string()
    .optional()
    .transform((value) => value === "1")
    .catch(false),
});
export type BrowseFilters = z.output<typeof browseFiltersSchema>;

export function parseBrowseFilters(params: Record<string, string | string[] | undefined>): BrowseFilters {
  const single = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? undefined : v]));
  return browseFiltersSchema.parse(single);
}

/** The list's URL for these filters, e.g. a tag chip's link. */
export function browseHref(filters: BrowseFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.mine) params.set("mine", "1");
  const query = params.toString();
  return query ? `/queries?${query}` : "/queries";
}
