import { DashboardPage } from "@/modules/queries/dashboard-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  const session = await requireRole("queries", "/queries/dashboard");
  return <DashboardPage session={session} />;
}
