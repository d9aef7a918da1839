import { parseBrowseFilters } from "@/modules/queries/browse-filters";
import { BrowsePage } from "@/modules/queries/browse-page";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const session = await requireRole("queries");
  return <BrowsePage session={session} filters={parseBrowseFilters(await searchParams)} />;
}
