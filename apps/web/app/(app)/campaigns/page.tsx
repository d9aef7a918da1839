import { CAMPAIGN_STATES, CAMPAIGN_THEMES, type CampaignState, type CampaignTheme } from "@dangol/domain";
import { CampaignsListPage } from "@/modules/campaigns/list-page";
import { requireRole } from "@/server/guards";

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ state?: string | string[]; theme?: string | string[] }>;
}) {
  const session = await requireRole("campaigns");
  const { state, theme } = await searchParams;
  const knownState = CAMPAIGN_STATES.find((s): s is CampaignState => s === state);
  const knownTheme = CAMPAIGN_THEMES.find((s): s is CampaignTheme => s === theme);
  return <CampaignsListPage session={session} state={knownState} theme={knownTheme} />;
}
