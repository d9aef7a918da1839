import { exportResponse } from "@/modules/segments/routes";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export const GET = withRole<{ params: Promise<{ id: string }> }>(exportResponse, { area: "segments" });
