import { loadDataStatus } from "@dangol/analytics/dashboards";
import { formatCount } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { dashboardSql } from "./tables.ts";

const share = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : "—");

/** The ETL issue's own figures: the latest data-quality snapshot, the last week's loads, the last refresh. */
export async function DataStatusTiles() {
  const { locale, t } = await getDictionary();
  const s = t.dashboards.status;
  const status = await loadDataStatus(dashboardSql);
  const count = (n: number) => formatCount(n, locale);
  const q = status.quality;
  const tile = (title: string, lines: string[]) => (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="mt-2 space-y-1 text-sm tabular-nums text-slate-700">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
  return (
    <section className="mt-6" data-testid="data-status">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-semibold">{s.title}</h2>
        <Link href="/data" className="text-sm text-slate-600 underline">
          {s.open}
        </Link>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        {tile(
          q ? fill(s.quality, { day: q.day }) : s.quality.replace(" ({day})", ""),
          q
            ? [
                `${s.validPhone} ${share(q.withValidPhone, q.customers)}`,
                `${s.validEmail} ${share(q.withValidEmail, q.customers)}`,
                `${s.consent} ${share(q.withConsent, q.customers)}`,
                `${s.reviewsOpen} ${count(q.reviewsOpen)}`,
              ]
            : [s.none],
        )}
        {tile(s.etl, [
          fill(s.batches, { count: count(status.etl.batches7d), failed: count(status.etl.failed7d) }),
          fill(s.rows, { rows: count(status.etl.rowsIn7d), rejected: count(status.etl.rejected7d) }),
          status.etl.lastFinishedAt ? fill(s.lastLoad, { at: status.etl.lastFinishedAt }) : s.none,
        ])}
        {tile(s.analytics, [
          status.analytics.asOf
            ? fill(s.analyticsAt, { asOf: status.analytics.asOf, at: status.analytics.finishedAt ?? "—" })
            : s.none,
        ])}
      </div>
    </section>
  );
}
