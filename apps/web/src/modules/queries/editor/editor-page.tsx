import { getPrisma } from "@dangol/db/client";
import type { Role } from "@dangol/domain";
import { getQueryRun, getSavedQuery, type SavedQuery, type WorkbenchUser } from "@dangol/workbench/services";
import { notFound } from "next/navigation";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { requireRole } from "@/server/guards";
import { analyticsCatalog, editorSchema } from "./catalog.ts";
import { Workbench, type WorkbenchQuery } from "./components/workbench.tsx";
import type { EditorOpening } from "./opening.ts";
import { SavedQuerySections } from "./saved-sections.tsx";

function newQuery(opening: EditorOpening): WorkbenchQuery {
  return {
    id: null,
    version: null,
    title: "",
    description: "",
    tags: [],
    visibility: "PRIVATE",
    sql: opening.sql,
    parameters: opening.parameters,
    parameterValues: opening.parameterValues,
    chart: null,
    canEdit: true,
    ownerEmail: null,
    runId: opening.runId,
  };
}

function fromSaved(query: SavedQuery, runId: string | null): WorkbenchQuery {
  return {
    id: query.id,
    version: query.version,
    title: query.title,
    description: query.description,
    tags: query.tags,
    visibility: query.visibility,
    sql: query.sql,
    parameters: query.parameters,
    parameterValues: query.parameterValues,
    chart: query.chart,
    canEdit: query.canEdit,
    ownerEmail: query.ownerEmail,
    runId,
  };
}

/** A query the caller may see, or the 404 page (whether it exists is nobody else's business). */
async function visibleQuery(id: string, user: WorkbenchUser): Promise<SavedQuery> {
  try {
    return await getSavedQuery(getPrisma(), id, user);
  } catch (error) {
    if (error instanceof Error && error.name === "WorkbenchNotFoundError") notFound();
    throw error;
  }
}

/**
 * A new query opened on an unsaved run (its notification's link) starts from that run's SQL and
 * values; a run the caller may not see is simply not opened.
 */
async function withRun(opening: EditorOpening, user: WorkbenchUser): Promise<EditorOpening> {
  if (!opening.runId || opening.sql) return opening;
  try {
    const run = await getQueryRun(getPrisma(), opening.runId, user);
    return { ...opening, sql: run.sql, parameterValues: run.parameterValues };
  } catch (error) {
    if (error instanceof Error && error.name === "WorkbenchNotFoundError") return { ...opening, runId: null };
    throw error;
  }
}

/** /queries/new and /queries/[id]: one screen; `opening` comes from the address (see opening.ts). */
export async function QueryEditorPage({ id, opening }: { id: string | null; opening: EditorOpening }) {
  const session = await requireRole("queries", id ? `/queries/${encodeURIComponent(id)}` : "/queries/new");
  const user: WorkbenchUser = { id: session.user.id, email: session.user.email, role: session.user.role as Role };
  const [{ t, locale }, views, saved, segments] = await Promise.all([
    getDictionary(),
    analyticsCatalog(),
    id ? visibleQuery(id, user) : null,
    // the choices of a `segment` parameter (analysts see the same names in analytics.segments)
    getPrisma().segment.findMany({
      where: { deletedAt: null },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const start = saved ? null : await withRun(opening, user);
  const words = t.workbench.editor;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={saved ? saved.title : words.newTitle} subtitle={saved?.description || words.subtitle} />
      <Workbench
        // A new version from elsewhere (a reload after save) starts the editor afresh.
        key={saved ? `${saved.id}@${saved.version}` : "new"}
        initial={saved ? fromSaved(saved, opening.runId) : newQuery(start ?? opening)}
        schema={editorSchema(views)}
        words={words}
        formatLabels={t.formats}
        segments={segments.map((segment): [string, string] => [String(segment.id), segment.name])}
        locale={locale}
      />
      {saved ? <SavedQuerySections query={saved} user={user} words={words} locale={locale} /> : null}
    </div>
  );
}
