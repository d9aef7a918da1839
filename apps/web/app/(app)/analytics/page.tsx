import { canAccess } from "@dangol/domain";
import { AnalyticsPage } from "@/modules/analytics/analytics-page";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page() {
  const session = await requireRole("dashboards", "/analytics");
  return <AnalyticsPage canEdit={canAccess(session.user.role, "customers")} />;
}
