import { formatCount } from "@dangol/domain";
import Link from "next/link";
import { notFound } from "next/navigation";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card } from "@/modules/shell/stat-table";
import { getBatch, rejectedRows } from "./queries.ts";

/**
 * A batch's rejected rows in file order, a page at a time (keyset `after` = last line shown).
 * The raw text is untrusted input: React escapes it, and it is shown verbatim in a <pre>, so
 * markup, control characters or another encoding's bytes show as text, never as HTML.
 */
export async function RejectedRowsPage({ batchId, after }: { batchId: string; after: number }) {
  const { locale, t } = await getDictionary();
  const d = t.data;
  const batch = await getBatch(batchId);
  if (!batch) notFound();
  const page = await rejectedRows(batch.id, after);
  const count = (n: number) => formatCount(n, locale);
  return (
    <div className="flex flex-col gap-4">
      <Link href="/data" className="text-sm text-sky-700">
        {d.backToData}
      </Link>
      <PageHeader
        title={fill(d.rejectedTitle, { id: batch.id })}
        subtitle={`${batch.source} · ${batch.fileName} · ${batch.businessDate ?? "—"} · ${d.statuses[batch.status] ?? batch.status}`}
      />
      <Card
        title={`${d.rejected} ${count(batch.rejected)} / ${d.rowsIn} ${count(batch.rowsIn)}`}
        note={batch.refusalReason ? `${d.refusal}: ${batch.refusalReason}` : undefined}
      >
        <a
          href={`/api/data/batches/${batch.id}/rejected`}
          className="mb-3 inline-block rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white"
          data-testid="download-rejected"
          download
        >
          {d.downloadCsv}
        </a>
        {page.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{d.noRejected}</p>
        ) : (
          <div className="overflow-x-auto" data-testid="rejected-rows">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-500">
                  <th className="py-2 pr-3 text-right font-medium">{d.line}</th>
                  <th className="py-2 pr-3 font-medium">{d.reason}</th>
                  <th className="py-2 pr-3 font-medium">{d.raw}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.lineNo} data-line={r.lineNo} className="border-b border-slate-100 align-top last:border-0">
                    <td className="py-2 pr-3 text-right tabular-nums">{r.lineNo}</td>
                    <td className="py-2 pr-3">{r.reason}</td>
                    <td className="py-2 pr-3">
                      {r.raw === null ? (
                        <span className="text-xs text-slate-500">{d.erased}</span>
                      ) : (
                        <pre className="max-w-3xl whitespace-pre-wrap break-all font-mono text-xs" data-testid="raw">
                          {r.raw}
                        </pre>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="mt-3 flex gap-3 text-sm">
          {after > 0 ? <Link href={`/data/batches/${batch.id}`}>{d.previous}</Link> : null}
          {page.nextAfter !== null ? (
            <Link href={`/data/batches/${batch.id}?after=${page.nextAfter}`}>{d.next}</Link>
          ) : null}
        </nav>
      </Card>
    </div>
  );
}
