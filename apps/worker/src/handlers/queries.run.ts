import { getPrisma } from "@dangol/db/client";
import { analystConnectionString } from "@dangol/workbench";
import { executeQueryRun } from "@dangol/workbench/services";
import type { Handler } from "./types.ts";

/** An analyst's query, queued by the web app: run as the read-only query role, result stored on the run. */
export const queriesRun: Handler<"queries.run"> = async (payload, { logger }) => {
  const { status } = await executeQueryRun(getPrisma(), payload.runId, { connectionString: analystConnectionString() });
  logger.info({ runId: payload.runId, status }, "query run finished");
  return { runId: payload.runId, status };
};
