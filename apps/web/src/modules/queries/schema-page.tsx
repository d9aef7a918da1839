import { formatCount } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { BrowseLinks } from "./browse-links.tsx";
import { analyticsCatalog } from "./editor/catalog.ts";
import { editorHref } from "./pivot-editor-link.ts";
import { commentFor } from "./schema-text.ts";

/**
 * The analytics schema as the database itself documents it (view and column COMMENTs), so the
 * page never drifts from the migrations. Each view has the anchor `#view-<name>` for the editor
 * to link to. Callers guard with requireRole("queries").
 */
export async function SchemaPage() {
  const { locale, t } = await getDictionary();
  const b = t.workbench.browse;
  const s = b.schema;
  const views = await analyticsCatalog();

  return (
    <div>
      <PageHeader title={s.title} subtitle={s.subtitle} />
      <BrowseLinks words={b.links} current="schema" />
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <section className="rounded-xl border border-amber-200 bg-amber-50 p-4" data-testid="schema-rules">
          <h2 className="mb-2 font-semibold text-amber-950">{s.rulesTitle}</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-950">
            {s.rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-4" data-testid="schema-joins">
          <h2 className="mb-2 font-semibold">{s.joinTitle}</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {s.joins.map((join) => (
              <li key={join}>{join}</li>
            ))}
          </ul>
        </section>
      </div>
      {views.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{s.empty}</p>
      ) : (
        <>
          <nav aria-label={s.viewsTitle} className="mb-4 flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {views.map((view) => (
              <a key={view.name} href={`#view-${view.name}`} className="font-mono text-sky-800 underline">
                {view.name}
              </a>
            ))}
          </nav>
          <div className="flex flex-col gap-4">
            {views.map((view) => (
              <section
                key={view.name}
                id={`view-${view.name}`}
                data-testid="schema-view"
                className="scroll-mt-4 rounded-xl border border-slate-200 bg-white shadow-sm"
              >
                <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 p-3">
                  <div className="min-w-0">
                    <h2 className="font-mono text-base font-semibold">analytics.{view.name}</h2>
                    {view.comment ? (
                      <p className="mt-1 text-sm text-slate-700">{commentFor(view.comment, locale)}</p>
                    ) : null}
                  </div>
                  <div className="flex items-center gap-3 text-xs text-slate-500">
                    <span>{fill(s.columnsCount, { count: formatCount(view.columns.length, locale) })}</span>
                    <Link
                      href={editorHref({ sql: `SELECT *\n  FROM analytics.${view.name}\n LIMIT 100` })}
                      className="text-sky-800 underline"
                    >
                      {s.openEditor}
                    </Link>
                  </div>
                </header>
                <div className="overflow-x-auto">
                  <table className="w-full text-sm">
                    <thead className="bg-slate-50 text-left text-slate-500">
                      <tr>
                        <th className="px-3 py-2 font-medium">{s.column}</th>
                        <th className="px-3 py-2 font-medium">{s.type}</th>
                        <th className="px-3 py-2 font-medium">{s.description}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.columns.map((column) => (
                        <tr key={column.name} className="border-t border-slate-100 align-top">
                          <td className="whitespace-nowrap px-3 py-1.5 font-mono">{column.name}</td>
                          <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs text-slate-600">
                            {column.type}
                          </td>
                          <td className="min-w-48 px-3 py-1.5 text-slate-700">
                            {commentFor(column.comment, locale) ?? "—"}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
