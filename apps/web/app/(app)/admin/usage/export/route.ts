import { usageCsvResponse } from "@/modules/usage/export";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export const GET = withRole(usageCsvResponse, { area: "users" });
