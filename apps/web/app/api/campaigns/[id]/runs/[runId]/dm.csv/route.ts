import { offlineListResponse } from "@/modules/campaigns/routes";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export const GET = withRole<{ params: Promise<{ id: string; runId: string }> }>(offlineListResponse("DM"), {
  area: "campaigns",
});
