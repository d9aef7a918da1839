import { type CatalogView, loadAnalyticsCatalog } from "@dangol/workbench";
import { env } from "@/env";
import type { SqlSchema } from "./components/sql-editor.tsx";

/** The views change only with a migration (and a deploy); re-reading every few minutes is plenty. */
const TTL_MS = 5 * 60_000;

const holder = globalThis as unknown as { dangolAnalyticsCatalog?: { at: number; views: Promise<CatalogView[]> } };

/** The analytics views and columns from pg_catalog, shared by every editor page in this process. */
export function analyticsCatalog(): Promise<CatalogView[]> {
  const cached = holder.dangolAnalyticsCatalog;
  if (cached && Date.now() - cached.at < TTL_MS) return cached.views;
  const views = loadAnalyticsCatalog(env().DATABASE_URL);
  // A failed read is not kept: the next page load tries again.
  views.catch(() => {
    if (holder.dangolAnalyticsCatalog?.views === views) holder.dangolAnalyticsCatalog = undefined;
  });
  holder.dangolAnalyticsCatalog = { at: Date.now(), views };
  return views;
}

/** The editor's completion schema: view name → its columns. */
export function editorSchema(views: CatalogView[]): SqlSchema {
  return Object.fromEntries(views.map((view) => [view.name, view.columns]));
}
