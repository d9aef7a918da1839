import { CampaignCalendarPage } from "@/modules/campaigns/calendar-page";
import { monthView } from "@/modules/campaigns/plan-params";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ month?: string | string[]; edit?: string | string[] }>;
}) {
  await requireRole("campaigns", "/campaigns/calendar");
  const { month, edit } = await searchParams;
  return <CampaignCalendarPage view={monthView(month)} editId={Array.isArray(edit) ? edit[0] : edit} />;
}
