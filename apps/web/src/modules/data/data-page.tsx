import { formatCount, formatSeoulDateTime, type Locale } from "@dangol/domain";
import Link from "next/link";
import type { ReactNode } from "react";
import { type Dictionary, fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card } from "@/modules/shell/stat-table";
import { BatchProgressBar } from "./components/batch-progress.tsx";
import { ReviewDecisions, UnmergeButton } from "./components/decisions.tsx";
import { QualityChart } from "./components/quality-chart.tsx";
import { decimal, share } from "./format.ts";
import {
  BATCH_PAGE_SIZE,
  BATCH_SOURCES,
  BATCH_STATUSES,
  type BatchFilter,
  type BatchRow,
  listBatches,
  type MaskedCustomer,
  openReviews,
  qualityHistory,
  recentMerges,
} from "./queries.ts";

type Strings = Dictionary["data"];

/** Callers guard with requireRole("data"). `decisions` says whether the identity actions are wired. */
export async function DataPage({ filter }: { filter: BatchFilter }) {
  const { locale, t } = await getDictionary();
  const d = t.data;
  const [quality, batches, reviews, merges] = await Promise.all([
    qualityHistory(30),
    listBatches(filter),
    openReviews(50),
    recentMerges(20),
  ]);
  const count = (n: number) => formatCount(n, locale);
  const pages = Math.max(1, Math.ceil(batches.total / BATCH_PAGE_SIZE));
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    if (filter.division) q.set("division", filter.division);
    if (filter.status) q.set("status", filter.status);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `/data?${s}` : "/data";
  };

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={d.title} subtitle={d.subtitle} />

      <Card title={d.quality} note={d.qualityNote}>
        {quality.length === 0 ? (
          <p className="text-sm text-slate-500">{d.noQuality}</p>
        ) : (
          <>
            {quality.length > 1 ? (
              <QualityChart
                points={quality.map((q) => ({
                  day: q.day,
                  phone: pct(q.withValidPhone, q.customers),
                  email: pct(q.withValidEmail, q.customers),
                  birth: pct(q.withValidBirth, q.customers),
                  consent: pct(q.withConsent, q.customers),
                }))}
                labels={{ phone: d.validPhone, email: d.validEmail, birth: d.validBirth, consent: d.consent }}
              />
            ) : null}
            <div className="overflow-x-auto" data-testid="data-quality">
              <table className="w-full text-sm">
                <thead>
                  <tr className="border-b border-slate-200 text-left text-slate-500">
                    {[d.day, d.customers, d.validPhone, d.validEmail, d.validBirth, d.consent, d.duplicates].map(
                      (h, i) => (
                        <th key={h} className={`py-2 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
                          {h}
                        </th>
                      ),
                    )}
                    <th className="py-2 pr-3 text-right font-medium">{d.batchesOfDay}</th>
                    <th className="py-2 pr-3 text-right font-medium">{d.rowsIn}</th>
                    <th className="py-2 pr-3 text-right font-medium">{d.rejected}</th>
                    <th className="py-2 pr-3 text-right font-medium">{d.findings}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...quality].reverse().map((q) => (
                    <tr
                      key={q.day}
                      data-day={q.day}
                      data-live={q.live}
                      className="border-b border-slate-100 last:border-0"
                    >
                      <td className="whitespace-nowrap py-2 pr-3 tabular-nums">
                        {q.day}
                        {q.live ? (
                          <span className="ml-1 rounded bg-sky-100 px-1 text-xs text-sky-800">{d.live}</span>
                        ) : null}
                      </td>
                      <Num>{count(q.customers)}</Num>
                      <Num testId="share-phone">{share(q.withValidPhone, q.customers, locale)}</Num>
                      <Num testId="share-email">{share(q.withValidEmail, q.customers, locale)}</Num>
                      <Num testId="share-birth">{share(q.withValidBirth, q.customers, locale)}</Num>
                      <Num testId="share-consent">{share(q.withConsent, q.customers, locale)}</Num>
                      <Num testId="duplicates">
                        {count(q.duplicatesFound)}
                        <div className="text-xs text-slate-500">
                          {fill(d.duplicatesDetail, { merges: count(q.mergesTotal), reviews: count(q.reviewsOpen) })}
                        </div>
                      </Num>
                      <Num>{count(q.batches)}</Num>
                      <Num>{count(q.rowsIn)}</Num>
                      <Num>{count(q.rejectedRows)}</Num>
                      <Num>{count(q.findings)}</Num>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>

      <Card title={d.batches} note={fill(d.batchesNote, { count: count(batches.total) })}>
        <form method="get" action="/data" className="mb-3 flex flex-wrap items-end gap-2" data-testid="batch-filter">
          <label className="flex flex-col text-xs text-slate-600">
            {d.division}
            <select
              name="division"
              defaultValue={filter.division ?? ""}
              className="rounded border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="">{d.allDivisions}</option>
              {BATCH_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            {d.status}
            <select
              name="status"
              defaultValue={filter.status ?? ""}
              className="rounded border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="">{d.allStatuses}</option>
              {BATCH_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {d.statuses[s] ?? s}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">
            {d.filter}
          </button>
        </form>
        {batches.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{d.noBatches}</p>
        ) : (
          <BatchTable rows={batches.rows} d={d} locale={locale} />
        )}
        {pages > 1 ? (
          <nav className="mt-3 flex items-center gap-3 text-sm" aria-label="pagination">
            {filter.page > 1 ? <Link href={pageHref(filter.page - 1)}>{d.previous}</Link> : null}
            <span className="text-slate-500">{fill(d.pageOf, { page: filter.page, pages })}</span>
            {filter.page < pages ? <Link href={pageHref(filter.page + 1)}>{d.next}</Link> : null}
          </nav>
        ) : null}
      </Card>

      <Card title={d.reviews} note={fill(d.reviewsNote, { count: count(reviews.total) })}>
        {reviews.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{d.noReviews}</p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="review-queue">
            {reviews.rows.map((r) => (
              <li key={r.id} data-review-id={r.id} className="rounded-lg border border-slate-200 p-3">
                <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <span className="font-medium">#{r.id}</span>
                  <span>
                    {d.score}{" "}
                    <span className="tabular-nums">{r.score === null ? "—" : decimal(r.score, locale, 3)}</span>
                  </span>
                  <span className="rounded bg-slate-100 px-1.5 text-xs">{r.reason}</span>
                  <span className="text-xs text-slate-500">{formatSeoulDateTime(r.createdAt)}</span>
                </div>
                <div className="grid gap-3 md:grid-cols-2">
                  <CustomerFacts
                    title={d.incoming}
                    customer={r.customer}
                    highlight={r.incoming}
                    d={d}
                    testId="review-customer"
                  />
                  <CustomerFacts
                    title={d.candidate}
                    customer={r.candidate}
                    highlight={r.matched}
                    d={d}
                    testId="review-candidate"
                  />
                </div>
                {r.evidence.length > 0 ? (
                  <p className="mt-2 text-xs text-slate-600">
                    {d.evidence}: {r.evidence.join(" · ")}
                  </p>
                ) : null}
                <ReviewDecisions
                  reviewId={r.id}
                  labels={{ merge: d.merge, keepApart: d.keepApart, merged: d.merged, keptApart: d.keptApart }}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={d.merges}>
        {merges.length === 0 ? (
          <p className="text-sm text-slate-500">{d.noMerges}</p>
        ) : (
          <div className="overflow-x-auto" data-testid="recent-merges">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-500">
                  <th className="py-2 pr-3 font-medium">#</th>
                  <th className="py-2 pr-3 font-medium">{d.survivor}</th>
                  <th className="py-2 pr-3 font-medium">{d.mergedCustomer}</th>
                  <th className="py-2 pr-3 font-medium">{d.reason}</th>
                  <th className="py-2 pr-3 text-right font-medium">{d.score}</th>
                  <th className="py-2 pr-3 font-medium">{d.mergedAt}</th>
                  <th className="py-2 pr-3 font-medium">{d.mergedBy}</th>
                  <th className="py-2 pr-3 font-medium" />
                </tr>
              </thead>
              <tbody>
                {merges.map((m) => (
                  <tr key={m.id} data-merge-id={m.id} className="border-b border-slate-100 align-top last:border-0">
                    <td className="py-2 pr-3 tabular-nums">{m.id}</td>
                    <td className="py-2 pr-3">
                      {m.survivorName ?? "—"} <span className="text-xs text-slate-500">#{m.survivorId}</span>
                    </td>
                    <td className="py-2 pr-3">
                      {m.mergedName ?? "—"} <span className="text-xs text-slate-500">#{m.mergedId}</span>
                    </td>
                    <td className="py-2 pr-3">{m.reason}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {m.score === null ? "—" : decimal(m.score, locale, 3)}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{formatSeoulDateTime(m.mergedAt)}</td>
                    <td className="py-2 pr-3 text-xs">{m.mergedBy}</td>
                    <td className="py-2 pr-3">
                      {m.unmergedAt ? (
                        <span className="text-xs text-slate-500">
                          {fill(d.unmergedAt, { at: formatSeoulDateTime(m.unmergedAt), by: m.unmergedBy ?? "" })}
                        </span>
                      ) : (
                        <UnmergeButton mergeId={m.id} labels={{ unmerge: d.unmerge, unmerged: d.unmerged }} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

/** A share in percent for the chart (0 when there are no customers). */
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

function Num({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <td className="py-2 pr-3 text-right tabular-nums" data-testid={testId}>
      {children}
    </td>
  );
}

function BatchTable({ rows, d, locale }: { rows: BatchRow[]; d: Strings; locale: Locale }) {
  const count = (n: number) => formatCount(n, locale);
  const secs = (n: number | null) => (n === null ? "—" : fill(d.seconds, { n: decimal(n, locale, 2) }));
  return (
    <div className="overflow-x-auto" data-testid="batches">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-500">
            <th className="py-2 pr-3 font-medium">{d.batch}</th>
            <th className="py-2 pr-3 font-medium">{d.file}</th>
            <th className="py-2 pr-3 font-medium">{d.businessDay}</th>
            <th className="py-2 pr-3 font-medium">{d.status}</th>
            <th className="py-2 pr-3 text-right font-medium">{d.rowsIn}</th>
            <th className="py-2 pr-3 text-right font-medium">{d.loaded}</th>
            <th className="py-2 pr-3 text-right font-medium">{d.rejected}</th>
            <th className="py-2 pr-3 text-right font-medium">{d.skipped}</th>
            <th className="py-2 pr-3 font-medium">{d.findings}</th>
            <th className="py-2 pr-3 font-medium">{d.durations}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr
              key={b.id}
              data-batch-id={b.id}
              data-status={b.status}
              className="border-b border-slate-100 align-top last:border-0"
            >
              <td className="whitespace-nowrap py-2 pr-3 tabular-nums">
                #{b.id}
                <div className="text-xs text-slate-500">{b.source}</div>
              </td>
              <td className="max-w-64 break-all py-2 pr-3">
                {b.fileName}
                <div className="text-xs text-slate-500">
                  {b.kind ?? ""} · {count(b.sizeBytes)} B
                </div>
              </td>
              <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{b.businessDate ?? "—"}</td>
              <td className="py-2 pr-3" data-testid="batch-status">
                {d.statuses[b.status] ?? b.status}
                {b.status === "RUNNING" ? (
                  <BatchProgressBar
                    id={b.id}
                    locale={locale}
                    labels={{ waiting: d.progressWaiting, rows: d.progressRows }}
                  />
                ) : null}
                {b.refusalReason ? (
                  <p className="mt-1 text-xs text-red-700" data-testid="refusal-reason">
                    {d.refusal}: {b.refusalReason}
                  </p>
                ) : null}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{count(b.rowsIn)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{count(b.loaded)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {b.rejected > 0 ? (
                  <Link href={`/data/batches/${b.id}`} className="text-sky-700 underline" data-testid="rejected-link">
                    {count(b.rejected)}
                  </Link>
                ) : (
                  count(b.rejected)
                )}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{count(b.skipped)}</td>
              <td className="py-2 pr-3 text-xs" data-testid="batch-findings">
                {Object.entries(b.findings)
                  .map(([kind, n]) => `${kind} ${count(n)}`)
                  .join(" · ") || "—"}
              </td>
              <td className="whitespace-nowrap py-2 pr-3 text-xs">
                {d.ingest} {secs(b.ingestSeconds)}
                <div>
                  {d.warehouse}{" "}
                  {b.warehouseLoadedAt ? secs(b.warehouseSeconds) : b.status === "LOADED" ? d.warehousePending : "—"}
                </div>
                {b.startedAt ? <div className="text-slate-500">{formatSeoulDateTime(b.startedAt)}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CustomerFacts({
  title,
  customer,
  highlight,
  d,
  testId,
}: {
  title: string;
  customer: MaskedCustomer;
  highlight: { source: string; memberNo: string } | null;
  d: Strings;
  testId: string;
}) {
  const rows: [string, ReactNode][] = [
    [d.name, customer.name ?? "—"],
    [d.birthYear, customer.birthYear ?? "—"],
    [d.phoneLast4, customer.phoneLast4 ?? "—"],
    [
      d.memberships,
      customer.memberships.length === 0
        ? highlight
          ? `${highlight.source} ${highlight.memberNo}`
          : "—"
        : customer.memberships.map((m) => {
            const hit = highlight && m.source === highlight.source && m.memberNo === highlight.memberNo;
            return (
              <div key={`${m.source}:${m.memberNo}`} className={hit ? "font-semibold" : ""}>
                {m.source} {m.memberNo}
              </div>
            );
          }),
    ],
  ];
  return (
    <div className="rounded border border-slate-100 bg-slate-50 p-2" data-testid={testId}>
      <div className="mb-1 text-xs font-medium text-slate-600">
        {title} · {fill(d.customerId, { id: customer.id })}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
