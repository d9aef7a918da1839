import { runRowsResponse } from "@/modules/queries/editor/run-routes";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export const GET = withRole<{ params: Promise<{ id: string }> }>(runRowsResponse, { area: "queries" });
