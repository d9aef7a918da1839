import { formatCount, formatKRW, formatSeoulDate } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { loadDashboardOverview } from "./queries.ts";

/** Callers guard with requireRole("dashboards") first. */
export async function DashboardsPage() {
  const { locale, t } = await getDictionary();
  const d = t.dashboards;
  const overview = await loadDashboardOverview();
  const count = (n: number) => formatCount(n, locale);

  return (
    <div>
      <PageHeader title={d.title} subtitle={d.subtitle} />
      <p className="mb-4">
        <Link
          href="/analytics"
          className="rounded border border-slate-300 bg-white px-3 py-2 text-sm"
          data-testid="open-analytics"
        >
          {t.analytics.openAnalytics}
        </Link>
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm lg:col-span-2">
          <h2 className="text-sm text-slate-500">{d.customersTotal}</h2>
          <p data-testid="customers-total" className="text-3xl font-bold tabular-nums">
            {count(overview.customers.active)}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {fill(d.customersAll, { count: count(overview.customers.all) })}
          </p>
        </section>

        <Card title={d.byDivision}>
          {overview.byDivision.length === 0 ? (
            <p className="text-sm text-slate-500">{d.noData}</p>
          ) : (
            <StatTable
              head={[d.division, d.format, d.members]}
              rows={overview.byDivision.map((r) => [
                `${r.sourceCode} · ${r.name}`,
                t.formats[r.format] ?? r.format,
                count(r.members),
              ])}
            />
          )}
        </Card>

        <Card
          title={d.sales30}
          note={
            overview.sales
              ? fill(d.sales30Range, {
                  from: formatSeoulDate(overview.sales.from),
                  to: formatSeoulDate(overview.sales.to),
                })
              : undefined
          }
        >
          {overview.sales === null || overview.sales.rows.length === 0 ? (
            <p className="text-sm text-slate-500">{d.noData}</p>
          ) : (
            <StatTable
              head={[d.format, d.receipts, d.netSales]}
              rows={overview.sales.rows.map((r) => [
                t.formats[r.format] ?? r.format,
                count(r.receipts),
                formatKRW(r.netSales, locale),
              ])}
            />
          )}
        </Card>

        <Card title={d.topRegions}>
          {overview.topRegions.length === 0 ? (
            <p className="text-sm text-slate-500">{d.noData}</p>
          ) : (
            <StatTable
              head={[d.region, d.customers]}
              rows={overview.topRegions.map((r) => [r.sido ?? d.unknownRegion, count(r.customers)])}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
