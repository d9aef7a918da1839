import { formatCount, formatKRW, formatSeoulDate, formatSeoulDateTime, type Locale } from "@dangol/domain";
import { CONFIRMED_CONTACT_SOURCE } from "@dangol/domain/contacts";
import Link from "next/link";
import { type Dictionary, fill } from "@/i18n/dictionaries";
import { ActionForm } from "@/modules/contacts/action-form";
import { UnmergeButton } from "@/modules/data/components/decisions";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { adjustPointsForm } from "./actions.ts";
import type {
  loadConsents,
  loadLedger,
  loadMemberRecords,
  loadReceipts,
  loadTierHistory,
  MergeRow,
} from "./customer-queries.ts";

type Ctx = { t: Dictionary; locale: Locale };
type Loaded<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
const dash = (v: string | null | undefined) => (v ? v : "—");
const date = (d: Date | null) => (d ? formatSeoulDate(d) : "—");

/** Prev/next links of a paged section; `param` is its page number in the URL (other sections keep theirs). */
function Pager({
  base,
  param,
  page,
  more,
  labels,
}: {
  base: URLSearchParams;
  param: string;
  page: number;
  more: boolean;
  labels: { newer: string; older: string };
}) {
  const href = (p: number) => {
    const q = new URLSearchParams(base);
    if (p > 1) q.set(param, String(p));
    else q.delete(param);
    const s = q.toString();
    return `?${s}#${param}`;
  };
  if (page === 1 && !more) return null;
  return (
    <nav className="mt-2 flex justify-between text-sm">
      {page > 1 ? <Link href={href(page - 1)}>← {labels.newer}</Link> : <span />}
      {more ? <Link href={href(page + 1)}>{labels.older} →</Link> : <span />}
    </nav>
  );
}

export function MemberRecords({ ctx, records }: { ctx: Ctx; records: Loaded<typeof loadMemberRecords> }) {
  const c = ctx.t.customer;
  return (
    <Card title={c.records}>
      <ul className="flex flex-col gap-2" data-testid="member-records">
        {records.map((r) => (
          <li
            key={r.id.toString()}
            className="rounded-md border border-slate-100 p-2 text-sm"
            data-source={r.sourceCode}
          >
            <p className="font-medium">
              {r.source.name} ({r.sourceCode}) · {c.memberNo} {r.memberNo}
              {r.cardNo ? ` · ${c.cardNo} ${r.cardNo}` : ""}
            </p>
            {r.sourceCode === CONFIRMED_CONTACT_SOURCE ? (
              <p className="text-xs text-slate-500">{c.confirmedRecord}</p>
            ) : null}
            <p className="text-slate-700">
              {[r.name, r.phone, r.email, [r.zip, r.addressText].filter(Boolean).join(" ")]
                .filter(Boolean)
                .join(" · ") || "—"}
            </p>
            <p className="text-xs text-slate-500">
              {[
                r.joinedStore ? `${c.joinedStore} ${r.joinedStore.name}` : null,
                r.joinedOn ? formatSeoulDate(r.joinedOn) : null,
                r.sourceChangedAt ? `${c.changedAt} ${formatSeoulDateTime(r.sourceChangedAt)}` : null,
                r.inferred ? c.inferred : null,
                r.withdrawnAt ? fill(c.withdrawnAt, { at: formatSeoulDate(r.withdrawnAt) }) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function MergeHistory({ ctx, merges }: { ctx: Ctx; merges: MergeRow[] }) {
  const c = ctx.t.customer;
  const customerLink = (id: bigint) => <Link href={`/customers/${id}`}>#{id.toString()}</Link>;
  return (
    <Card title={c.merges}>
      {merges.length === 0 ? (
        <p className="text-sm text-slate-600">{c.noMerges}</p>
      ) : (
        <StatTable
          head={[c.when, c.survivor, c.merged, c.reason, c.by, ""]}
          rows={merges.map((m) => [
            formatSeoulDateTime(m.mergedAt),
            customerLink(m.survivorId),
            customerLink(m.mergedId),
            `${m.reason}${m.score === null ? "" : ` (${m.score.toFixed(2)})`}`,
            m.mergedBy,
            m.unmergedAt ? (
              fill(c.undone, { at: formatSeoulDateTime(m.unmergedAt), by: m.unmergedBy ?? "" })
            ) : m.reversible ? (
              <UnmergeButton
                key={m.id.toString()}
                mergeId={m.id.toString()}
                labels={{ unmerge: c.unmerge, unmerged: c.unmerged }}
              />
            ) : (
              c.notReversible
            ),
          ])}
        />
      )}
    </Card>
  );
}

export function Receipts({
  ctx,
  data,
  page,
  base,
}: {
  ctx: Ctx;
  data: Loaded<typeof loadReceipts>;
  page: number;
  base: URLSearchParams;
}) {
  const c = ctx.t.customer;
  const krw = (n: number) => formatKRW(n, ctx.locale);
  return (
    <Card title={c.receipts}>
      <div id="rp" data-testid="receipts">
        {data.receipts.length === 0 ? <p className="text-sm text-slate-600">{c.noReceipts}</p> : null}
        {data.receipts.map((r) => (
          <details key={r.id.toString()} className="border-b border-slate-100 py-1.5 text-sm last:border-0">
            <summary className="flex cursor-pointer flex-wrap justify-between gap-x-3">
              <span>
                {formatSeoulDateTime(r.soldAt)} · {r.store.name} ({r.sourceCode}) · {c.receiptTypes[r.type] ?? r.type}
              </span>
              <span className="tabular-nums">
                {krw(r.netAmount)}
                {r.pointsEarned || r.pointsUsed ? ` · ${c.points} +${r.pointsEarned}/−${r.pointsUsed}` : ""}
              </span>
            </summary>
            <StatTable
              head={[c.product, c.quantity, c.unitPrice, c.discount, c.amount]}
              rows={r.lines.map((l) => [
                `${l.product?.name ?? l.sourceProductCode}${l.category ? ` · ${ctx.locale === "en" ? (l.category.nameEn ?? l.category.nameKo) : l.category.nameKo}` : ""}`,
                formatCount(l.quantity, ctx.locale),
                krw(l.unitPrice),
                krw(l.discount),
                krw(l.amount),
              ])}
            />
          </details>
        ))}
        <Pager base={base} param="rp" page={page} more={data.more} labels={c} />
      </div>
    </Card>
  );
}

export function Ledger({
  ctx,
  customerId,
  data,
  page,
  base,
}: {
  ctx: Ctx;
  customerId: bigint;
  data: Loaded<typeof loadLedger>;
  page: number;
  base: URLSearchParams;
}) {
  const c = ctx.t.customer;
  const input = "min-h-10 rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal";
  return (
    <Card title={c.ledger}>
      <div id="pp">
        <p className="text-sm">
          {c.balance}:{" "}
          <span className="font-semibold tabular-nums" data-testid="points-balance">
            {formatCount(data.balance, ctx.locale)}
          </span>
        </p>
        {data.entries.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{c.noLedger}</p>
        ) : (
          <div data-testid="points-ledger">
            <StatTable
              head={[c.occurredOn, c.points, c.expiresOn, c.reason, c.by]}
              rows={data.entries.map((e) => [
                `${date(e.occurredOn)} · ${c.pointKinds[e.kind] ?? e.kind}${e.originSourceCode ? ` (${e.originSourceCode})` : ""}`,
                formatCount(e.points, ctx.locale),
                date(e.expiresOn),
                dash(e.reason),
                e.createdBy,
              ])}
            />
          </div>
        )}
        <Pager base={base} param="pp" page={page} more={data.more} labels={c} />
        <div className="mt-3 rounded-md border border-slate-200 p-3">
          <h3 className="mb-2 text-sm font-semibold">{c.adjust}</h3>
          <ActionForm action={adjustPointsForm} done={c.adjusted} submit={c.adjustSubmit} testId="points-adjust-form">
            <input type="hidden" name="customerId" value={customerId.toString()} />
            <label className="flex flex-col gap-1 text-sm font-medium">
              {c.adjustPoints}
              <input name="points" type="number" step={1} required className={input} />
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium">
              {c.adjustReason}
              <input name="reason" required minLength={5} maxLength={500} className={input} />
            </label>
          </ActionForm>
        </div>
      </div>
    </Card>
  );
}

export function TierHistory({ ctx, rows }: { ctx: Ctx; rows: Loaded<typeof loadTierHistory> }) {
  const c = ctx.t.customer;
  return (
    <Card title={c.tierHistory}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{c.noTierHistory}</p>
      ) : (
        <StatTable
          head={[ctx.t.analytics.tier, c.from, c.to, c.spend, c.visits, c.reason]}
          rows={rows.map((h) => [
            h.tierCode,
            date(h.effectiveFrom),
            h.effectiveTo ? date(h.effectiveTo) : c.current,
            formatKRW(h.spend, ctx.locale),
            formatCount(h.visits, ctx.locale),
            dash(h.reason),
          ])}
        />
      )}
    </Card>
  );
}

export function Consents({ ctx, rows }: { ctx: Ctx; rows: Loaded<typeof loadConsents> }) {
  const c = ctx.t.customer;
  const k = ctx.t.contacts;
  return (
    <Card title={c.consents}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{c.noConsents}</p>
      ) : (
        <div data-testid="consents">
          <StatTable
            head={[c.channel, c.state, c.since, c.source]}
            rows={rows.map((r) => [
              k.channels[r.channel] ?? r.channel,
              r.granted ? k.granted : k.withdrawn,
              formatSeoulDateTime(r.changedAt),
              k.consentSources[r.source] ?? r.source,
            ])}
          />
        </div>
      )}
    </Card>
  );
}
