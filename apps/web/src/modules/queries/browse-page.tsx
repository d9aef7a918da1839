import { formatCount, formatSeoulDate, formatSeoulDateTime } from "@dangol/domain";
import Link from "next/link";
import type { Session } from "next-auth";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { type BrowseFilters, browseHref } from "./browse-filters.ts";
import { BrowseLinks } from "./browse-links.tsx";
import { browseQueries, visibleTags } from "./browse-queries.ts";
import { formatDuration } from "./editor/cell-format.ts";

const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

const STATUS_TONE: Record<string, string> = {
  SUCCEEDED: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
  CANCELLED: "bg-slate-200 text-slate-700",
  QUEUED: "bg-amber-100 text-amber-900",
  RUNNING: "bg-sky-100 text-sky-900",
};

/**
 * The reader's own queries and those shared with the team. The filters are a GET form: the URL
 * is the filter, shareable and usable without JavaScript. Callers guard with requireRole("queries").
 */
export async function BrowsePage({ session, filters }: { session: Session; filters: BrowseFilters }) {
  const { locale, t } = await getDictionary();
  const b = t.workbench.browse;
  const l = b.list;
  const [rows, tags] = await Promise.all([browseQueries(session.user, filters), visibleTags(session.user)]);
  const filtered = Boolean(filters.q || filters.tag || filters.mine);

  return (
    <div>
      <PageHeader title={b.title} subtitle={b.subtitle} />
      <BrowseLinks words={b.links} />
      <form
        method="get"
        action="/queries"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3"
        data-testid="query-filters"
      >
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
          {l.search}
          <input
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder={l.searchPlaceholder}
            autoComplete="off"
            className={control}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {l.tag}
          <select name="tag" defaultValue={filters.tag ?? ""} className={control}>
            <option value="">{l.anyTag}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-h-10 items-center gap-2 text-sm">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} className="size-4" />
          {l.mine}
        </label>
        <button type="submit" className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white">
          {l.apply}
        </button>
        {filtered ? (
          <Link href="/queries" className="py-2 text-sm text-slate-600 underline">
            {l.reset}
          </Link>
        ) : null}
      </form>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {filtered ? l.noMatch : l.empty}
        </p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="query-list">
          {rows.map((row) => {
            const run = row.lastRun;
            return (
              <li
                key={row.id}
                data-query-id={row.id}
                className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:flex-row sm:items-start sm:justify-between"
              >
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/queries/${row.id}`}
                    className="font-medium text-slate-900 underline decoration-slate-300"
                  >
                    {row.title}
                  </Link>
                  {row.description ? <p className="mt-1 text-sm text-slate-600">{row.description}</p> : null}
                  {row.tags.length > 0 ? (
                    <ul className="mt-2 flex flex-wrap gap-1" aria-label={l.tag}>
                      {row.tags.map((tag) => (
                        <li key={tag}>
                          <Link
                            href={browseHref({ ...filters, tag })}
                            className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-200"
                          >
                            #{tag}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
                <dl className="grid shrink-0 grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600 sm:w-64">
                  <dt>{l.owner}</dt>
                  <dd className="truncate">{row.ownerId === session.user.id ? l.me : row.ownerEmail}</dd>
                  <dt>{l.visibility}</dt>
                  <dd data-testid="visibility">{l.visibilities[row.visibility] ?? row.visibility}</dd>
                  <dt>{l.updated}</dt>
                  <dd className="tabular-nums">{formatSeoulDate(row.updatedAt)}</dd>
                  <dt>{l.lastRun}</dt>
                  <dd>
                    {run ? (
                      <span title={formatSeoulDateTime(run.finishedAt ?? run.createdAt)}>
                        <span className={`rounded px-1.5 py-0.5 ${STATUS_TONE[run.status] ?? ""}`}>
                          {t.workbench.editor.status[run.status as keyof typeof t.workbench.editor.status] ??
                            run.status}
                        </span>
                        {run.durationMs !== null ? ` ${formatDuration(run.durationMs, locale)}` : ""}
                      </span>
                    ) : (
                      l.never
                    )}
                  </dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {rows.length > 0 ? (
        <p className="mt-3 text-sm text-slate-600">{fill(l.shown, { count: formatCount(rows.length, locale) })}</p>
      ) : null}
    </div>
  );
}
