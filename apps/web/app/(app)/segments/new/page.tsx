import { NewSegmentPage } from "@/modules/segments/builder-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  await requireRole("segments", "/segments/new");
  return <NewSegmentPage />;
}
