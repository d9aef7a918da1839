import { canAccess } from "@dangol/domain";
import { TiersPage } from "@/modules/analytics/tiers-page";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page() {
  const session = await requireRole("dashboards", "/analytics/tiers");
  return <TiersPage canEdit={canAccess(session.user.role, "customers")} />;
}
