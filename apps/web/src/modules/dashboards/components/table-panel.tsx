import { formatCount, formatKRW, type Locale } from "@dangol/domain";
import Link from "next/link";
import type { Dictionary } from "@/i18n/dictionaries";
import type { DashboardTable } from "../tables.ts";
import { DashboardChart } from "./dashboard-chart.tsx";
import { ViewToggle } from "./view-toggle.tsx";

type Props = { table: DashboardTable; csvHref: string; locale: Locale; t: Dictionary["dashboards"] };

function cell(table: DashboardTable, r: number, key: string, locale: Locale) {
  const column = table.columns.find((c) => c.key === key)!;
  const row = table.rows[r]!;
  const value = row.values[key] ?? "";
  if (column.kind === "text") return String(value);
  if (column.kind === "krw") return formatKRW(Number(value), locale);
  const text = formatCount(Number(value), locale);
  const href = row.links[key];
  return href ? (
    <Link href={href} className="text-sky-800 underline decoration-sky-300" data-testid="figure-link">
      {text}
    </Link>
  ) : (
    text
  );
}

function Table({ table, locale }: { table: DashboardTable; locale: Locale }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-500">
            {table.columns.map((c, i) => (
              <th key={c.key} className={`py-2 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((_row, r) => (
            <tr key={r} className="border-b border-slate-100 last:border-0">
              {table.columns.map((c, i) => (
                <td key={c.key} className={`py-1.5 pr-3 ${i > 0 ? "text-right tabular-nums" : ""}`}>
                  {cell(table, r, c.key, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The 5 × 5 recency × frequency grid as a heat map whose cells link to their customers. */
function RfmGrid({ table, locale }: { table: DashboardTable; locale: Locale }) {
  const max = Math.max(1, ...table.rows.map((r) => Number(r.values.customers)));
  const at = (r: number, f: number) => table.rows.findIndex((x) => x.values.r === r && x.values.f === f);
  return (
    <div className="grid grid-cols-[auto_repeat(5,minmax(0,1fr))] gap-1 text-xs" data-testid="rfm-grid">
      <span />
      {[1, 2, 3, 4, 5].map((f) => (
        <span key={f} className="text-center text-slate-500">
          F{f}
        </span>
      ))}
      {[5, 4, 3, 2, 1].map((r) => (
        <div key={r} className="contents">
          <span className="pr-1 text-slate-500">R{r}</span>
          {[1, 2, 3, 4, 5].map((f) => {
            const i = at(r, f);
            const n = i < 0 ? 0 : Number(table.rows[i]!.values.customers);
            return (
              <div
                key={f}
                className="overflow-hidden rounded p-1.5 text-center"
                style={{ backgroundColor: `rgba(3, 105, 161, ${0.08 + (0.6 * n) / max})` }}
              >
                <div className="font-semibold">{i < 0 ? "0" : cell(table, i, "customers", locale)}</div>
                <div className="text-[10px] text-slate-700">
                  {i < 0 ? "" : formatKRW(Number(table.rows[i]!.values.monetary), locale)}
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** One chart of a dashboard: chart ⇄ table, and its CSV. */
export function TablePanel({ table, csvHref, locale, t }: Props) {
  const chart = table.chart;
  const series = chart.kind === "grid" ? [] : chart.series;
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={`panel-${table.id}`}
      aria-label={table.title}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-semibold">{table.title}</h2>
          {table.note ? <p className="mt-0.5 text-xs text-slate-500">{table.note}</p> : null}
        </div>
        <a href={csvHref} className="text-xs text-slate-600 underline" data-testid={`${table.id}-csv`} download>
          {t.view.csv}
        </a>
      </div>
      <div className="mt-3">
        {table.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{table.empty ?? t.noData}</p>
        ) : (
          <ViewToggle
            id={table.id}
            labels={t.view}
            chart={
              chart.kind === "grid" ? (
                <RfmGrid table={table} locale={locale} />
              ) : (
                <DashboardChart
                  data={table.rows.map((r) => r.values)}
                  x={chart.x}
                  series={series.map((key) => ({
                    key,
                    name: table.columns.find((c) => c.key === key)?.label ?? key,
                  }))}
                  stacked={chart.kind === "stacked"}
                  locale={locale}
                />
              )
            }
            table={<Table table={table} locale={locale} />}
          />
        )}
      </div>
    </section>
  );
}
