import { CampaignEditorPage } from "@/modules/campaigns/editor-page";
import { requireRole } from "@/server/guards";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireRole("campaigns", `/campaigns/${id}/edit`);
  return <CampaignEditorPage session={session} id={id} />;
}
