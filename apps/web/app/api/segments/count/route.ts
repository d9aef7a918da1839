import { countResponse } from "@/modules/segments/routes";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export const POST = withRole(countResponse, { area: "segments" });
