import { DashboardPage } from "@/modules/dashboards/dashboards-page";
import { parseDashboardFilters } from "@/modules/dashboards/filters";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("dashboards");
  return <DashboardPage name="overview" filters={parseDashboardFilters(await searchParams)} />;
}
