import { CampaignEditorPage } from "@/modules/campaigns/editor-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  const session = await requireRole("campaigns", "/campaigns/new");
  return <CampaignEditorPage session={session} />;
}
