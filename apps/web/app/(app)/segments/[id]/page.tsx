import { SegmentDetailPage } from "@/modules/segments/builder-page";
import { requireRole } from "@/server/guards";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireRole("segments", `/segments/${id}`);
  return <SegmentDetailPage session={session} id={id} />;
}
