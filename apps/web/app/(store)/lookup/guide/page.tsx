import { LookupGuidePage } from "@/modules/lookup/guide-page";
import { recordServerPageView, viewerOf } from "@/modules/usage/record";
import { requireRole } from "@/server/guards";

export default async function Page() {
  const session = await requireRole("lookup", "/lookup/guide");
  await recordServerPageView(viewerOf(session), "/lookup/guide");
  return <LookupGuidePage />;
}
