import { getPrisma } from "@dangol/db/client";
import { listSavedQueries, type SavedQuerySummary, type WorkbenchUser } from "@dangol/workbench/services";
import type { BrowseFilters } from "./browse-filters.ts";

export type LastRun = { status: string; durationMs: number | null; finishedAt: Date | null; createdAt: Date };
export type BrowseRow = SavedQuerySummary & { lastRun: LastRun | null };

/** The list's rows (the services' visibility rules) with each query's latest run, in two queries. */
export async function browseQueries(user: WorkbenchUser, filters: BrowseFilters): Promise<BrowseRow[]> {
  const prisma = getPrisma();
  const queries = await listSavedQueries(prisma, user, {
    search: filters.q,
    tag: filters.tag,
    owner: filters.mine ? "me" : "any",
  });
  if (queries.length === 0) return [];
  // DISTINCT ON walks the (query_id, created_at) index; Prisma's `distinct` would fetch every run.
  const runs = await prisma.$queryRaw<(LastRun & { queryId: bigint })[]>`
    SELECT DISTINCT ON (query_id) query_id AS "queryId", status::text AS status, duration_ms AS "durationMs",
           finished_at AS "finishedAt", created_at AS "createdAt"
      FROM query_run
     WHERE query_id = ANY(${queries.map((q) => q.id)}::bigint[])
     ORDER BY query_id, created_at DESC, id DESC`;
  const latest = new Map(runs.map(({ queryId, ...run }) => [String(queryId), run]));
  return queries.map((query) => ({ ...query, lastRun: latest.get(query.id) ?? null }));
}

/** Every tag on a query the user may see, for the tag filter. */
export async function visibleTags(user: WorkbenchUser): Promise<string[]> {
  const rows = await getPrisma().$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT unnest(tags) AS tag FROM saved_query
     WHERE deleted_at IS NULL AND (owner_id = ${user.id}::uuid OR visibility = 'SHARED')
     ORDER BY tag`;
  return rows.map((row) => row.tag);
}
