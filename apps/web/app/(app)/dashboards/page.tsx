import { DashboardsPage } from "@/modules/dashboards/dashboards-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  await requireRole("dashboards");
  return <DashboardsPage />;
}
