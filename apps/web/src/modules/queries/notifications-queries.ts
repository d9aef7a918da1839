import { getPrisma } from "@dangol/db/client";
import { unseenFinishedRuns } from "@dangol/workbench/services";

import type { RunNotification } from "./notifications-links.ts";

/** The reader's finished runs not yet looked at, as plain values a client component can hold. */
export async function runNotifications(userId: string): Promise<RunNotification[]> {
  const runs = await unseenFinishedRuns(getPrisma(), userId);
  return runs.map((run) => ({
    id: run.id,
    queryId: run.queryId,
    queryTitle: run.queryTitle,
    status: run.status,
    rowCount: run.rowCount,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  }));
}
