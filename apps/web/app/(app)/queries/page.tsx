import { EmptyAreaPage } from "@/modules/placeholders/empty-area-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  await requireRole("queries");
  return <EmptyAreaPage area="queries" />;
}
