import { SEGMENT_THEMES, type SegmentTheme } from "@dangol/domain";
import { SegmentsListPage } from "@/modules/segments/list-page";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<{ theme?: string | string[] }> }) {
  const session = await requireRole("segments");
  const { theme } = await searchParams;
  const known = SEGMENT_THEMES.find((s): s is SegmentTheme => s === theme);
  return <SegmentsListPage session={session} theme={known} />;
}
