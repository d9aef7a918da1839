import { CampaignSettingsPage } from "@/modules/campaigns/settings-page";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page() {
  const session = await requireRole("campaigns", "/campaigns/settings");
  return <CampaignSettingsPage canEdit={session.user.role === "ADMIN"} />;
}
