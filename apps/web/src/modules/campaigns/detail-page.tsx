import {
  type CampaignDetail,
  campaignProblemContacts,
  campaignProgress,
  getCampaign,
  type ProblemContact,
  progressIsLive,
} from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { formatCount, formatKRW, formatSeoulDateTime, type Locale } from "@dangol/domain";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { Session } from "next-auth";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { ActionButtons } from "./components/action-buttons.tsx";
import { AutoRefresh } from "./components/auto-refresh.tsx";
import { StateBadge } from "./components/state-badge.tsx";
import type { CampaignsWords } from "./i18n.ts";
import { MeasurementPanel } from "./measurement-panel.tsx";
import { campaignUser } from "./user.ts";

const PROBLEM_LIMIT = 100;

function scheduleText(def: CampaignDetail["definition"], w: CampaignsWords): string {
  const s = def.schedule;
  if (s.kind === "once") return `${w.editor.scheduleKinds.once} · ${formatSeoulDateTime(new Date(s.at))}`;
  if (s.kind === "recurring") return `${w.editor.presets[s.preset] ?? s.preset} ${s.time}`;
  return `${w.editor.triggers[s.trigger] ?? s.trigger} ${s.time}`;
}

function offerText(def: CampaignDetail["definition"], w: CampaignsWords, locale: Locale): string {
  const o = def.offer;
  if (o.kind === "points") return `${w.editor.offerKinds.points} ${formatCount(o.points, locale)}`;
  if (o.kind === "coupon")
    return `${w.editor.offerKinds.coupon} · ${o.uniquePerRecipient ? w.editor.couponUnique : (o.code ?? "")}`;
  return w.editor.offerKinds.none ?? "—";
}

function ProblemTable({ rows, w }: { rows: ProblemContact[]; w: CampaignsWords }) {
  const d = w.detail;
  return (
    <StatTable
      head={[d.customer, d.channel, d.reason, d.attempts, d.at]}
      rows={rows.map((r) => [
        <Link key="c" href={`/customers/${r.customerId}`} className="underline decoration-slate-300">
          {r.maskedName} ({r.customerId})
        </Link>,
        w.channelNames[r.channel] ?? r.channel,
        r.reason ?? "—",
        r.attempts,
        r.at ? formatSeoulDateTime(r.at) : "—",
      ])}
    />
  );
}

/** Callers guard with requireRole("campaigns"). */
export async function CampaignDetailPage({ session, id }: { session: Session; id: string }) {
  const { locale, t } = await getDictionary();
  const w = t.campaigns;
  const d = w.detail;
  const prisma = getPrisma();
  const user = campaignUser(session.user);
  const campaign = await getCampaign(prisma, user, id).catch((error: unknown) => {
    if (error instanceof Error && error.name === "CampaignNotFoundError") notFound();
    throw error;
  });
  const [runs, problems] = await Promise.all([
    campaignProgress(prisma, campaign.id),
    campaignProblemContacts(prisma, campaign.id, PROBLEM_LIMIT),
  ]);
  const live = progressIsLive(runs);
  const def = campaign.definition;
  const kinds = def.channels.map((c) => c.channel);
  const canEdit = campaign.state === "DRAFT" && (campaign.ownerId === user.id || user.role === "ADMIN");
  const n = (v: number) => formatCount(v, locale);

  return (
    <div className="flex flex-col gap-4">
      <AutoRefresh active={live} />
      <PageHeader title={campaign.name} subtitle={def.description || undefined} />
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="campaign-state">
        <StateBadge state={campaign.state} label={w.states[campaign.state] ?? campaign.state} />
        <span className="text-slate-600">
          {d.owner}: {campaign.ownerName} · {fill(d.version, { version: campaign.version })}
        </span>
        <span className="text-slate-600" data-testid="approved-by">
          {d.approvedBy}:{" "}
          {campaign.approvedBy
            ? `${campaign.approvedBy}${campaign.approvedAt ? ` · ${formatSeoulDateTime(campaign.approvedAt)}` : ""}`
            : d.notApproved}
        </span>
        {canEdit ? (
          <Link
            href={`/campaigns/${campaign.id}/edit`}
            className="min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {d.edit}
          </Link>
        ) : null}
      </div>
      <ActionButtons id={campaign.id} actions={campaign.actions} w={w} />

      <Card title={d.summary}>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]" data-testid="campaign-summary">
          <dt className="text-slate-500">{d.definition.theme}</dt>
          <dd>{t.segments.themeNames[campaign.theme] ?? campaign.theme}</dd>
          <dt className="text-slate-500">{d.definition.segment}</dt>
          <dd>
            <Link href={`/segments/${campaign.segmentId}`} className="underline decoration-slate-300">
              {campaign.segmentName}
            </Link>
          </dd>
          <dt className="text-slate-500">{d.definition.channels}</dt>
          <dd>
            {def.channels
              .map((c) => `${w.channelNames[c.channel] ?? c.channel} (${formatKRW(c.costPerContact, locale)})`)
              .join(", ")}
          </dd>
          <dt className="text-slate-500">{d.definition.offer}</dt>
          <dd>{offerText(def, w, locale)}</dd>
          <dt className="text-slate-500">{d.definition.schedule}</dt>
          <dd>{scheduleText(def, w)}</dd>
          <dt className="text-slate-500">{d.definition.nextRun}</dt>
          <dd>{campaign.nextRunAt ? formatSeoulDateTime(campaign.nextRunAt) : "—"}</dd>
          <dt className="text-slate-500">{d.definition.budget}</dt>
          <dd>
            {campaign.budget === null ? w.list.noBudget : formatKRW(campaign.budget, locale)} ·{" "}
            {fill(d.definition.responseWindow, { days: def.responseWindowDays })} ·{" "}
            {fill(d.definition.control, { pct: Math.round(def.controlShare * 1000) / 10 })}
          </dd>
        </dl>
      </Card>

      <Card title={d.runs} {...(live ? { note: d.live } : {})}>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-500">{d.noRuns}</p>
        ) : (
          <div data-testid="runs" data-live={live ? "true" : "false"}>
            <StatTable
              head={[
                d.run.due,
                d.run.status,
                d.run.target,
                d.run.control,
                d.run.planned,
                d.run.held,
                d.run.sent,
                d.run.failed,
                d.run.unknown,
                d.run.excluded,
                d.run.batches,
                d.run.downloads,
              ]}
              rows={runs.map((r) => [
                <span key="due" data-run-id={r.runId}>
                  {formatSeoulDateTime(r.dueAt)}
                </span>,
                <span key="status" data-run-status={r.status}>
                  {d.runStatus[r.status] ?? r.status}
                  {r.error ? <span className="block text-xs text-red-700">{r.error}</span> : null}
                </span>,
                n(r.target),
                n(r.control),
                n(r.planned + r.claimed),
                n(r.held),
                <span key="sent" data-testid="run-sent">
                  {n(r.sent)}
                </span>,
                n(r.failed),
                n(r.unknown),
                <span
                  key="excl"
                  title={Object.entries(r.excludedByReason)
                    .map(([reason, count]) => `${d.reasons[reason] ?? reason} ${count}`)
                    .join(", ")}
                >
                  {n(r.excluded)}
                </span>,
                `${n(r.batchesDone)} / ${n(r.batchesTotal)}`,
                <span key="dl" className="flex flex-col gap-0.5 whitespace-nowrap">
                  {kinds.includes("DM") ? (
                    <a
                      className="underline"
                      href={`/api/campaigns/${campaign.id}/runs/${r.runId}/dm.csv`}
                      data-testid="dm-download"
                    >
                      {d.dmFile}
                    </a>
                  ) : null}
                  {kinds.includes("TM") ? (
                    <a
                      className="underline"
                      href={`/api/campaigns/${campaign.id}/runs/${r.runId}/tm.csv`}
                      data-testid="tm-download"
                    >
                      {d.tmList}
                    </a>
                  ) : null}
                </span>,
              ])}
            />
            {runs.some((r) => r.excluded > 0) ? (
              <div className="mt-3 text-sm" data-testid="exclusions">
                <h3 className="font-medium">{d.exclusions}</h3>
                <ul className="mt-1 text-slate-700">
                  {runs.map((r) =>
                    Object.keys(r.excludedByReason).length === 0 ? null : (
                      <li key={r.runId}>
                        {formatSeoulDateTime(r.dueAt)}:{" "}
                        {Object.entries(r.excludedByReason)
                          .map(([reason, count]) => `${d.reasons[reason] ?? reason} ${n(count)}`)
                          .join(", ")}
                      </li>
                    ),
                  )}
                </ul>
              </div>
            ) : null}
          </div>
        )}
      </Card>

      {runs.length > 0 ? <MeasurementPanel campaignId={campaign.id} /> : null}

      {problems.failed.total > 0 ? (
        <Card
          title={fill(d.failedContacts, { n: n(problems.failed.total) })}
          {...(problems.failed.total > PROBLEM_LIMIT ? { note: fill(d.firstOnly, { n: PROBLEM_LIMIT }) } : {})}
        >
          <div data-testid="failed-contacts">
            <ProblemTable rows={problems.failed.rows} w={w} />
          </div>
        </Card>
      ) : null}
      {problems.unknown.total > 0 ? (
        <Card title={fill(d.unknownContacts, { n: n(problems.unknown.total) })} note={d.unknownNote}>
          <div data-testid="unknown-contacts">
            <ProblemTable rows={problems.unknown.rows} w={w} />
            {problems.unknown.total > PROBLEM_LIMIT ? (
              <p className="mt-2 text-xs text-slate-500">{fill(d.firstOnly, { n: PROBLEM_LIMIT })}</p>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
