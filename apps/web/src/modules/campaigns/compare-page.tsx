import { compareCampaigns } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { CAMPAIGN_THEMES, formatCount, formatKRW, formatSeoulDate } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { StateBadge } from "./components/state-badge.tsx";
import { DASH, pointsText, pValueText, rateText, roiText } from "./figures.ts";
import { type CompareParams, compareRange, sortComparison } from "./plan-params.ts";

const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const label = "flex flex-col gap-1 text-xs font-medium text-slate-600";

/** Callers guard with requireRole("campaigns"). The filters are a GET form: the URL is the filter. */
export async function CampaignComparePage({ params }: { params: CompareParams }) {
  const { locale, t } = await getDictionary();
  const c = t.campaignsPlan.compare;
  const w = t.campaigns;
  const { campaigns, themes } = await compareCampaigns(getPrisma(), {
    ...(params.theme ? { theme: params.theme } : {}),
    ...compareRange(params),
  });
  const rows = sortComparison(campaigns, params.sort);
  const n = (v: number) => formatCount(v, locale);
  const krw = (v: number | null) => (v === null ? DASH : formatKRW(v, locale));
  const themeName = (theme: string) => t.segments.themeNames[theme] ?? theme;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={c.title} subtitle={c.subtitle} />
      <p className="text-sm">
        <Link href="/campaigns" className="text-slate-600 underline">
          {t.campaignsPlan.back}
        </Link>
      </p>
      <form
        method="get"
        action="/campaigns/compare"
        className="flex flex-wrap items-end gap-2"
        data-testid="compare-filter"
      >
        <label className={label}>
          {c.theme}
          <select name="theme" defaultValue={params.theme ?? ""} className={control}>
            <option value="">{c.any}</option>
            {CAMPAIGN_THEMES.map((s) => (
              <option key={s} value={s}>
                {themeName(s)}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {c.from}
          <input type="date" name="from" defaultValue={params.from ?? ""} className={control} />
        </label>
        <label className={label}>
          {c.to}
          <input type="date" name="to" defaultValue={params.to ?? ""} className={control} />
        </label>
        <label className={label}>
          {c.sortBy}
          <select name="sort" defaultValue={params.sort} className={control}>
            <option value="recent">{c.sortRecent}</option>
            <option value="roi">{c.sortRoi}</option>
            <option value="lift">{c.sortLift}</option>
          </select>
        </label>
        <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm">
          {c.apply}
        </button>
      </form>
      {params.badDate ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {c.badDate}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{c.empty}</p>
      ) : (
        <>
          <div className="rounded-xl border border-slate-200 bg-white px-3 shadow-sm" data-testid="compare-table">
            <StatTable
              head={[
                c.name,
                c.theme,
                c.state,
                c.launched,
                c.targetControl,
                c.targetRate,
                c.controlRate,
                c.lift,
                c.incrementalRevenue,
                c.cost,
                c.roi,
                c.pValue,
              ]}
              rows={rows.map((r) => [
                <span key="name" className="flex flex-col">
                  <Link
                    href={`/campaigns/${r.campaignId}`}
                    data-compare-id={r.campaignId}
                    className="underline decoration-slate-300"
                  >
                    {r.name}
                  </Link>
                  {r.pending > 0 ? (
                    <span className="text-xs text-amber-800">{fill(c.pending, { n: n(r.pending) })}</span>
                  ) : null}
                </span>,
                themeName(r.theme),
                <StateBadge key="state" state={r.state} label={w.states[r.state] ?? r.state} />,
                r.launchedAt ? formatSeoulDate(r.launchedAt) : DASH,
                `${n(r.targets)} / ${n(r.control)}`,
                rateText(r.targetRate),
                rateText(r.controlRate),
                pointsText(r.rateDifference),
                krw(r.incrementalRevenue),
                krw(r.cost),
                <span key="roi" data-compare-roi={r.campaignId}>
                  {roiText(r.roi)}
                </span>,
                pValueText(r.pValue),
              ])}
            />
          </div>
          <Card title={c.themes} note={c.themesNote}>
            <div data-testid="theme-rollup">
              <StatTable
                head={[
                  c.theme,
                  c.campaigns,
                  c.targetControl,
                  c.incrementalResponders,
                  c.incrementalRevenue,
                  c.incrementalMargin,
                  c.cost,
                  c.roi,
                ]}
                rows={themes.map((r) => [
                  <span key="theme" data-theme-row={r.theme}>
                    {themeName(r.theme)}
                  </span>,
                  n(r.campaigns),
                  `${n(r.targets)} / ${n(r.control)}`,
                  n(Math.round(r.incrementalResponders)),
                  krw(r.incrementalRevenue),
                  krw(r.incrementalGrossMargin),
                  krw(r.cost),
                  roiText(r.roi),
                ])}
              />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
