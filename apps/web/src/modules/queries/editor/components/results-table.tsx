"use client";

import { useEffect, useState } from "react";
import type { EditorWords } from "../../i18n-editor.ts";
import { formatCell, formatDuration } from "../cell-format.ts";
import { type RowsPage, type RunStatusView, rowsPageSchema } from "../run-types.ts";

const PAGE_SIZE = 50;

/**
 * A finished run's rows, one server page at a time (a result may hold 100,000 rows; the browser
 * only ever has fifty). Sorting asks the server to order the whole result, not this page.
 */
export function ResultsTable({
  run,
  words,
  truncatedText,
  locale,
}: {
  run: RunStatusView;
  words: EditorWords["results"];
  truncatedText: string;
  locale: "ko" | "en";
}) {
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ column: number; dir: "asc" | "desc" } | null>(null);
  const [data, setData] = useState<RowsPage | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (sort) {
      query.set("sort", String(sort.column));
      query.set("dir", sort.dir);
    }
    fetch(`/api/queries/runs/${run.id}/rows?${query}`, { cache: "no-store", signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`rows: HTTP ${response.status}`);
        setData(rowsPageSchema.parse(await response.json()));
        setFailed(false);
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) {
          console.error(error);
          setFailed(true);
        }
      });
    return () => abort.abort();
  }, [run.id, page, sort]);

  const rowCount = run.rowCount ?? data?.rowCount ?? 0;
  const pages = Math.max(1, Math.ceil(rowCount / PAGE_SIZE));
  const columns = data?.columns ?? run.columns ?? [];
  const count = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US").format(rowCount);

  const toggleSort = (column: number) => {
    setPage(1);
    setSort((current) =>
      current?.column === column ? { column, dir: current.dir === "asc" ? "desc" : "asc" } : { column, dir: "asc" },
    );
  };

  return (
    <section className="flex flex-col gap-2" data-testid="results">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          {words.title}{" "}
          <span className="font-normal text-slate-600" data-testid="results-summary">
            {words.summary.replace("{rows}", count).replace("{duration}", formatDuration(run.durationMs ?? 0, locale))}
          </span>
        </h2>
        <div className="flex gap-2 text-sm">
          <a
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
            href={`/api/queries/runs/${run.id}/export?format=csv`}
            download
            data-testid="export-csv"
          >
            {words.csv}
          </a>
          <a
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
            href={`/api/queries/runs/${run.id}/export?format=xlsx`}
            download
          >
            {words.xlsx}
          </a>
        </div>
      </div>
      {run.truncated ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="truncated">
          {truncatedText}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className="text-sm text-red-700">
          {words.loadFailed}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="results-table">
          <thead className="bg-slate-50">
            <tr>
              {columns.map((column, index) => (
                <th
                  key={`${column.name}-${index}`}
                  scope="col"
                  className={`whitespace-nowrap px-3 py-2 font-semibold ${column.type === "number" ? "text-right" : "text-left"}`}
                  aria-sort={sort?.column === index ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  <button
                    type="button"
                    className="hover:underline"
                    title={words.sortBy.replace("{column}", column.name)}
                    onClick={() => toggleSort(index)}
                  >
                    {column.name}
                    {sort?.column === index ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr>
                <td className="px-3 py-2 text-slate-500" colSpan={Math.max(columns.length, 1)}>
                  {words.loading}
                </td>
              </tr>
            ) : data.rows.length === 0 ? (
              <tr>
                <td className="px-3 py-2 text-slate-500" colSpan={Math.max(columns.length, 1)}>
                  {words.empty}
                </td>
              </tr>
            ) : (
              data.rows.map((row, r) => (
                // Rows have no identity of their own; position within the page is the key.
                <tr key={r} className="border-t border-slate-100">
                  {columns.map((column, c) => (
                    <td
                      key={`${column.name}-${c}`}
                      className={`whitespace-nowrap px-3 py-1.5 ${column.type === "number" ? "text-right tabular-nums" : ""} ${row[c] === null ? "text-slate-400" : ""}`}
                    >
                      {formatCell(row[c], column, locale)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="flex items-center gap-2 text-sm" aria-label={words.title}>
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50"
            disabled={page <= 1}
            onClick={() => setPage((p) => p - 1)}
          >
            {words.previous}
          </button>
          <span className="tabular-nums">
            {words.page.replace("{page}", String(page)).replace("{pages}", String(pages))}
          </span>
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50"
            disabled={page >= pages}
            onClick={() => setPage((p) => p + 1)}
          >
            {words.next}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
