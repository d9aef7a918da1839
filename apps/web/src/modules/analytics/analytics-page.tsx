import { formatCount, formatSeoulDate, formatSeoulDateTime, type Locale } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { AutoRefresh } from "./components/auto-refresh.tsx";
import { RefreshButton } from "./components/refresh-button.tsx";
import { isLive, latestModelFits, listRuns, loadConfig, metricsDistributions, topBasketRules } from "./queries.ts";

export function formatNumber(value: number, locale: Locale, digits = 3): string {
  return new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US", { maximumFractionDigits: digits }).format(value);
}

function percent(value: number, locale: Locale, digits = 1): string {
  return new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US", {
    style: "percent",
    maximumFractionDigits: digits,
  }).format(value);
}

function seconds(ms: number, locale: Locale): string {
  return `${formatNumber(ms / 1000, locale, 1)}s`;
}

/** Callers guard with requireRole("dashboards"); `canEdit` (the "customers" area) shows the refresh button. */
export async function AnalyticsPage({ canEdit }: { canEdit: boolean }) {
  const { locale, t } = await getDictionary();
  const a = t.analytics;
  const [runs, fits, dist, basket, config] = await Promise.all([
    listRuns(),
    latestModelFits(),
    metricsDistributions(),
    topBasketRules(),
    loadConfig(),
  ]);
  const count = (n: number) => formatCount(n, locale);
  const share = (n: number) => (dist.total > 0 ? percent(n / dist.total, locale) : "—");
  const tierName = new Map(
    config.tiers.tiers.map((tier) => [tier.code, locale === "en" ? (tier.nameEn ?? tier.name) : tier.name]),
  );
  const tierOrder = (code: string) => {
    const i = config.tiers.tiers.findIndex((tier) => tier.code === code);
    return i < 0 ? 99 : i;
  };
  const live = runs.some(isLive);
  const category = (code: string) => basket.names.get(code) ?? code;

  return (
    <div>
      <PageHeader title={a.title} subtitle={a.subtitle} />
      <AutoRefresh active={live} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        {canEdit ? <RefreshButton label={a.refreshNow} queued={a.refreshQueued} /> : <span />}
        <div className="flex flex-wrap gap-2">
          {canEdit ? (
            <Link href="/analytics/cross-sell" className="rounded border border-slate-300 bg-white px-3 py-2 text-sm">
              {a.crossSell.link}
            </Link>
          ) : null}
          <Link href="/analytics/tiers" className="rounded border border-slate-300 bg-white px-3 py-2 text-sm">
            {a.tiersLink}
          </Link>
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="lg:col-span-2">
          <Card title={a.runs}>
            {runs.length === 0 ? (
              <p className="text-sm text-slate-500">{a.noRuns}</p>
            ) : (
              <div className="overflow-x-auto" data-testid="analytics-runs">
                <table className="w-full text-sm">
                  <thead>
                    <tr className="border-b border-slate-200 text-left text-slate-500">
                      <th className="py-2 pr-3 font-medium">{a.run}</th>
                      <th className="py-2 pr-3 font-medium">{a.status}</th>
                      <th className="py-2 pr-3 font-medium">{a.step}</th>
                      <th className="py-2 pr-3 text-right font-medium">{a.progress}</th>
                      <th className="py-2 pr-3 font-medium">{a.asOf}</th>
                      <th className="py-2 pr-3 font-medium">{a.started}</th>
                      <th className="py-2 pr-3 font-medium">{a.durations}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {runs.map((run) => (
                      <tr
                        key={run.id}
                        data-run-id={run.id}
                        data-status={run.status}
                        className="border-b border-slate-100 align-top last:border-0"
                      >
                        <td className="whitespace-nowrap py-2 pr-3">
                          #{run.id}
                          <div className="text-xs text-slate-500">
                            {run.trigger}
                            {run.requestedBy ? ` · ${run.requestedBy}` : ""}
                          </div>
                        </td>
                        <td className="whitespace-nowrap py-2 pr-3" data-testid="run-status">
                          {a.statuses[run.status] ?? run.status}
                        </td>
                        <td className="whitespace-nowrap py-2 pr-3">
                          {run.step ? (a.steps[run.step] ?? run.step) : "—"}
                        </td>
                        <td className="py-2 pr-3 text-right tabular-nums">
                          <div className="flex items-center justify-end gap-2">
                            <div className="h-2 w-16 overflow-hidden rounded bg-slate-200" aria-hidden>
                              <div className="h-2 bg-slate-700" style={{ width: `${run.progress}%` }} />
                            </div>
                            {run.progress}%
                          </div>
                        </td>
                        <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{formatSeoulDate(run.asOf)}</td>
                        <td className="whitespace-nowrap py-2 pr-3 tabular-nums">
                          {run.startedAt ? formatSeoulDateTime(run.startedAt) : formatSeoulDateTime(run.createdAt)}
                          {run.finishedAt ? (
                            <div className="text-xs text-slate-500">→ {formatSeoulDateTime(run.finishedAt)}</div>
                          ) : null}
                        </td>
                        <td className="py-2 pr-3 text-xs text-slate-600">
                          {Object.entries(run.stepDurations)
                            .map(([step, ms]) => `${a.steps[step] ?? step} ${seconds(ms, locale)}`)
                            .join(" · ") || "—"}
                          {run.error ? (
                            <p className="mt-1 text-red-700" data-testid="run-error">
                              {a.error}: {run.error}
                            </p>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>

        <Card title={a.tierDist} note={fill(a.metricsAsOf, { count: count(dist.total) })}>
          {dist.total === 0 ? (
            <p className="text-sm text-slate-500">{a.noMetrics}</p>
          ) : (
            <div data-testid="tier-distribution">
              <StatTable
                head={[a.tier, a.customers, a.share]}
                rows={[...dist.tiers]
                  .sort((x, y) => tierOrder(x.key) - tierOrder(y.key))
                  .map((r) => [`${tierName.get(r.key) ?? r.key} (${r.key})`, count(r.customers), share(r.customers)])}
              />
            </div>
          )}
        </Card>

        <Card title={a.stages}>
          {dist.total === 0 ? (
            <p className="text-sm text-slate-500">{a.noMetrics}</p>
          ) : (
            <StatTable
              head={[a.stage, a.customers, a.share]}
              rows={dist.stages.map((r) => [a.stageNames[r.key] ?? r.key, count(r.customers), share(r.customers)])}
            />
          )}
        </Card>

        <Card title={a.segments}>
          {dist.total === 0 ? (
            <p className="text-sm text-slate-500">{a.noMetrics}</p>
          ) : (
            <div data-testid="rfm-segments">
              <StatTable
                head={[a.segment, a.customers, a.share]}
                rows={dist.segments.map((r) => [
                  a.segmentNames[r.key] ?? r.key,
                  count(r.customers),
                  share(r.customers),
                ])}
              />
            </div>
          )}
        </Card>

        <Card title={fits ? fill(a.models, { run: fits.runId }) : fill(a.models, { run: "—" })}>
          {!fits || (!fits.bgnbd && !fits.gammaGamma) ? (
            <p className="text-sm text-slate-500">{a.noModels}</p>
          ) : (
            <div className="flex flex-col gap-4" data-testid="model-fits">
              {fits.bgnbd ? (
                <div>
                  <h3 className="text-sm font-medium">{a.bgnbd}</h3>
                  <StatTable
                    head={[a.param, a.value]}
                    rows={[
                      ["r", formatNumber(fits.bgnbd.params.r, locale, 4)],
                      ["α (alpha)", formatNumber(fits.bgnbd.params.alpha, locale, 4)],
                      ["a", formatNumber(fits.bgnbd.params.a, locale, 4)],
                      ["b", formatNumber(fits.bgnbd.params.b, locale, 4)],
                      [a.logLik, formatNumber(fits.bgnbd.logLik, locale, 1)],
                      [a.fittedOn, count(fits.bgnbd.customers)],
                    ]}
                  />
                </div>
              ) : null}
              {fits.gammaGamma ? (
                <div>
                  <h3 className="text-sm font-medium">{a.gammaGamma}</h3>
                  <StatTable
                    head={[a.param, a.value]}
                    rows={[
                      ["p", formatNumber(fits.gammaGamma.params.p, locale, 4)],
                      ["q", formatNumber(fits.gammaGamma.params.q, locale, 4)],
                      ["v", formatNumber(fits.gammaGamma.params.v, locale, 4)],
                      [a.logLik, formatNumber(fits.gammaGamma.logLik, locale, 1)],
                      [a.fittedOn, count(fits.gammaGamma.customers)],
                    ]}
                  />
                </div>
              ) : null}
              {fits.calibration ? (
                <div data-testid="calibration">
                  <h3 className="text-sm font-medium">{fill(a.calibration, { days: fits.calibration.holdoutDays })}</h3>
                  <StatTable
                    head={[a.predicted, a.actual, a.ratio]}
                    rows={[
                      [
                        formatNumber(fits.calibration.predicted, locale, 1),
                        formatNumber(fits.calibration.actual, locale, 1),
                        fits.calibration.ratio === null ? "—" : formatNumber(fits.calibration.ratio, locale, 2),
                      ],
                    ]}
                  />
                  <StatTable
                    head={[a.byFrequency, a.customers, a.meanPredicted, a.meanActual]}
                    rows={fits.calibration.byCalibrationFrequency.map((b) => [
                      b.x,
                      count(b.customers),
                      formatNumber(b.meanPredicted, locale, 2),
                      formatNumber(b.meanActual, locale, 2),
                    ])}
                  />
                </div>
              ) : null}
            </div>
          )}
        </Card>

        <div className="lg:col-span-2">
          <Card title={a.rules}>
            {basket.rules.length === 0 ? (
              <p className="text-sm text-slate-500">{a.noRules}</p>
            ) : (
              <div data-testid="basket-rules">
                <StatTable
                  head={[`${a.lhs} → ${a.rhs}`, a.support, a.confidence, a.lift]}
                  rows={basket.rules.map((r) => [
                    `${r.lhs.map(category).join(" + ")} → ${category(r.rhs)}`,
                    percent(r.support, locale, 2),
                    percent(r.confidence, locale, 1),
                    formatNumber(r.lift, locale, 2),
                  ])}
                />
              </div>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
