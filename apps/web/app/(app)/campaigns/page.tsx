import { EmptyAreaPage } from "@/modules/placeholders/empty-area-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  await requireRole("campaigns");
  return <EmptyAreaPage area="campaigns" />;
}
