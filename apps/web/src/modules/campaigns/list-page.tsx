import { listCampaigns } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import {
  CAMPAIGN_STATES,
  CAMPAIGN_THEMES,
  type CampaignState,
  type CampaignTheme,
  formatKRW,
  formatSeoulDateTime,
} from "@dangol/domain";
import Link from "next/link";
import type { Session } from "next-auth";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { StatTable } from "@/modules/shell/stat-table";
import { StateBadge } from "./components/state-badge.tsx";
import { campaignUser } from "./user.ts";

const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Callers guard with requireRole("campaigns"). The filters are a GET form: the URL is the filter. */
export async function CampaignsListPage({
  session,
  state,
  theme,
}: {
  session: Session;
  state: CampaignState | undefined;
  theme: CampaignTheme | undefined;
}) {
  const { locale, t } = await getDictionary();
  const w = t.campaigns;
  const rows = await listCampaigns(getPrisma(), campaignUser(session.user), {
    ...(state ? { state } : {}),
    ...(theme ? { theme } : {}),
  });
  return (
    <div>
      <PageHeader title={w.title} subtitle={w.subtitle} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <form method="get" action="/campaigns" className="flex flex-wrap items-end gap-2" data-testid="campaign-filter">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {w.list.state}
            <select name="state" defaultValue={state ?? ""} className={control}>
              <option value="">{w.list.any}</option>
              {CAMPAIGN_STATES.map((s) => (
                <option key={s} value={s}>
                  {w.states[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {w.list.theme}
            <select name="theme" defaultValue={theme ?? ""} className={control}>
              <option value="">{w.list.any}</option>
              {CAMPAIGN_THEMES.map((s) => (
                <option key={s} value={s}>
                  {t.segments.themeNames[s] ?? s}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm">
            {w.list.apply}
          </button>
        </form>
        <nav className="ml-auto flex flex-wrap items-center gap-3 text-sm" data-testid="campaign-links">
          <Link href="/campaigns/calendar" className="underline decoration-slate-300">
            {t.campaignsPlan.links.calendar}
          </Link>
          <Link href="/campaigns/compare" className="underline decoration-slate-300">
            {t.campaignsPlan.links.compare}
          </Link>
          <Link href="/campaigns/settings" className="underline decoration-slate-300">
            {t.campaignsPlan.links.settings}
          </Link>
        </nav>
        <Link
          href="/campaigns/new"
          className="min-h-10 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white"
        >
          {w.newCampaign}
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {state || theme ? w.list.noMatch : w.list.empty}
        </p>
      ) : (
        <div className="rounded-xl border border-slate-200 bg-white px-3 shadow-sm" data-testid="campaigns-table">
          <StatTable
            head={[
              w.list.name,
              w.list.theme,
              w.list.state,
              w.list.channels,
              w.list.segment,
              w.list.owner,
              w.list.nextRun,
              w.list.budget,
            ]}
            rows={rows.map((r) => [
              <Link
                key="name"
                href={`/campaigns/${r.id}`}
                data-campaign-id={r.id}
                className="underline decoration-slate-300"
              >
                {r.name}
              </Link>,
              t.segments.themeNames[r.theme] ?? r.theme,
              <StateBadge key="state" state={r.state} label={w.states[r.state] ?? r.state} />,
              r.channels.map((c) => w.channelNames[c] ?? c).join(", "),
              r.segmentName,
              r.ownerName,
              r.nextRunAt ? formatSeoulDateTime(r.nextRunAt) : "—",
              r.budget === null ? w.list.noBudget : formatKRW(r.budget, locale),
            ])}
          />
        </div>
      )}
    </div>
  );
}
