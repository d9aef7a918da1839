import { CampaignComparePage } from "@/modules/campaigns/compare-page";
import { parseCompareParams } from "@/modules/campaigns/plan-params";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("campaigns", "/campaigns/compare");
  return <CampaignComparePage params={parseCompareParams(await searchParams)} />;
}
