/** A finished run as the shell's list shows it (plain values, so a client component can hold it). */
export type RunNotification = {
  id: string;
  queryId: string | null;
  queryTitle: string | null;
  status: string;
  rowCount: number | null;
  finishedAt: string | null;
};

/** Where a finished run is looked at: its saved query's page, or the editor for an unsaved one. */
export function runHref(run: Pick<RunNotification, "id" | "queryId">): string {
  return run.queryId ? `/queries/${run.queryId}?run=${run.id}` : `/queries/new?run=${run.id}`;
}
