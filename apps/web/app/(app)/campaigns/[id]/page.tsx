import { CampaignDetailPage } from "@/modules/campaigns/detail-page";
import { requireRole } from "@/server/guards";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireRole("campaigns", `/campaigns/${id}`);
  return <CampaignDetailPage session={session} id={id} />;
}
