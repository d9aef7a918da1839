import { DashboardPage } from "@/modules/dashboards/dashboards-page";
import { parseDashboardFilters } from "@/modules/dashboards/filters";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("dashboards", "/dashboards/rfm");
  return <DashboardPage name="rfm" filters={parseDashboardFilters(await searchParams)} />;
}
