import { DASHBOARD_FORMATS, DASHBOARD_PERIODS, type DashboardFilters } from "@dangol/analytics/dashboards";
import { formatCount, formatKRW } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { filterChoices } from "@/modules/customers/queries";
import { PageHeader } from "@/modules/shell/page-header";
import { TablePanel } from "./components/table-panel.tsx";
import { customersBehind, dashboardQuery } from "./filters.ts";
import { DataStatusTiles } from "./status-tiles.tsx";
import { type DashboardName, dashboardTables, loadOverviewData } from "./tables.ts";

const PATHS: Record<DashboardName, string> = {
  overview: "/dashboards",
  tiers: "/dashboards/tiers",
  rfm: "/dashboards/rfm",
  "cross-format": "/dashboards/cross-format",
};
const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * One dashboard: tabs, the page-wide filters (a GET form: the URL is the view), then its charts,
 * each with a table view and a CSV. Callers guard with requireRole("dashboards") first.
 */
export async function DashboardPage({ name, filters }: { name: DashboardName; filters: DashboardFilters }) {
  const { locale, t } = await getDictionary();
  const d = t.dashboards;
  const [choices, tables] = await Promise.all([filterChoices(), dashboardTables(name, filters, t)]);
  const query = dashboardQuery(filters);
  const tabs: [DashboardName, string][] = [
    ["overview", d.tabs.overview],
    ["tiers", d.tabs.tiers],
    ["rfm", d.tabs.rfm],
    ["cross-format", d.tabs.crossFormat],
  ];
  const select = (field: string, label: string, value: string, options: [string, string][], any = true) => (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={field} defaultValue={value} className={control}>
        {any ? <option value="">{d.filters.any}</option> : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div>
      <PageHeader title={d.title} subtitle={d.subtitle} />
      <nav className="mb-3 flex flex-wrap gap-1 text-sm" aria-label={d.title}>
        {tabs.map(([tab, label]) => (
          <Link
            key={tab}
            href={`${PATHS[tab]}${query}`}
            aria-current={tab === name ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${tab === name ? "bg-slate-900 text-white" : "border border-slate-300 bg-white"}`}
          >
            {label}
          </Link>
        ))}
        <Link
          href="/analytics"
          className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1.5"
          data-testid="open-analytics"
        >
          {t.analytics.openAnalytics}
        </Link>
      </nav>
      <form
        method="get"
        action={PATHS[name]}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3"
        data-testid="dashboard-filters"
      >
        {select(
          "format",
          d.filters.format,
          filters.format ?? "",
          DASHBOARD_FORMATS.map((f) => [f, f]),
        )}
        {select(
          "sido",
          d.filters.sido,
          filters.sido ?? "",
          choices.sidos.map((s) => [s, s]),
        )}
        {select(
          "months",
          d.filters.months,
          String(filters.months),
          DASHBOARD_PERIODS.map((m) => [String(m), fill(d.filters.monthsOption, { months: String(m) })]),
          false,
        )}
        <button type="submit" className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white">
          {d.filters.apply}
        </button>
        {query ? (
          <Link href={PATHS[name]} className="py-2 text-sm text-slate-600 underline">
            {d.filters.reset}
          </Link>
        ) : null}
      </form>
      {name === "overview" ? <OverviewKpis filters={filters} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {tables.map((table) => (
          <TablePanel
            key={table.id}
            table={table}
            csvHref={`/dashboards/csv/${name}/${table.id}${query}`}
            locale={locale}
            t={d}
          />
        ))}
      </div>
      {name === "overview" ? <DataStatusTiles /> : null}
    </div>
  );
}

async function OverviewKpis({ filters }: { filters: DashboardFilters }) {
  const { locale, t } = await getDictionary();
  const d = t.dashboards;
  const o = await loadOverviewData(filters);
  const count = (n: number) => formatCount(n, locale);
  const tiles: [string, string, string | null, string][] = [
    ["customers-total", d.kpi.customers, customersBehind(filters, {}), count(o.customers)],
    ["kpi-active", d.kpi.active, customersBehind(filters, { active: "1" }), count(o.active)],
    [
      "kpi-spend-per-customer",
      d.kpi.spendPerCustomer,
      null,
      formatKRW(o.active > 0 ? Math.round(o.spend12m / o.active) : 0, locale),
    ],
  ];
  return (
    <div className="mb-4 grid gap-4 sm:grid-cols-3">
      {tiles.map(([id, label, href, value]) => (
        <section key={id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-sm text-slate-500">{label}</h2>
          <p className="text-3xl font-bold tabular-nums" data-testid={id}>
            {href ? (
              <Link href={href} className="underline decoration-slate-300">
                {value}
              </Link>
            ) : (
              value
            )}
          </p>
        </section>
      ))}
    </div>
  );
}
