import { LookupGuidePage } from "@/modules/lookup/guide-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  await requireRole("lookup", "/lookup/guide");
  return <LookupGuidePage />;
}
