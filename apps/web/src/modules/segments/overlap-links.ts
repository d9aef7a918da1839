/** ?ids=1,2[,3] read leniently: up to three distinct ids, anything else dropped. */
export function parseOverlapIds(raw: string | string[] | undefined): string[] {
  const text = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  return [...new Set(text.split(",").filter((id) => /^\d{1,18}$/.test(id)))].slice(0, 3);
}

/** The customers in exactly one region: in every segment of `inside`, in none of the others. */
export function regionHref(ids: string[], inside: string[]): string {
  const params = new URLSearchParams({ segment: inside.join(",") });
  const outside = ids.filter((id) => !inside.includes(id));
  if (outside.length > 0) params.set("notSegment", outside.join(","));
  return `/customers?${params.toString()}`;
}
