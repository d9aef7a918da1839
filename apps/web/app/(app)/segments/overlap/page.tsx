import { parseOverlapIds } from "@/modules/segments/overlap-links";
import { SegmentOverlapPage } from "@/modules/segments/overlap-page";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<{ ids?: string | string[] }> }) {
  const session = await requireRole("segments", "/segments/overlap");
  const { ids } = await searchParams;
  return <SegmentOverlapPage session={session} ids={parseOverlapIds(ids)} />;
}
