import { getPrisma } from "@dangol/db/client";
import { formatCount, formatSeoulDateTime } from "@dangol/domain";
import { listPins } from "@dangol/workbench/services";
import type { Session } from "next-auth";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { BrowseLinks } from "./browse-links.tsx";
import { DashboardCard } from "./dashboard-card.tsx";

/** The reader's pinned queries, in pin order. Callers guard with requireRole("queries"). */
export async function DashboardPage({ session }: { session: Session }) {
  const { locale, t } = await getDictionary();
  const b = t.workbench.browse;
  const d = b.dashboard;
  const pins = await listPins(getPrisma(), session.user);

  return (
    <div>
      <PageHeader title={d.title} subtitle={d.subtitle} />
      <BrowseLinks words={b.links} current="dashboard" />
      {pins.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{d.empty}</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2" data-testid="dashboard">
          {pins.map((pin) => (
            <DashboardCard
              key={pin.queryId}
              queryId={pin.queryId}
              title={pin.title}
              chart={pin.chart}
              lastRun={pin.lastRun ? { id: pin.lastRun.id } : null}
              ranAt={
                pin.lastRun?.finishedAt
                  ? fill(d.ranAt, {
                      when: formatSeoulDateTime(pin.lastRun.finishedAt),
                      rows: formatCount(pin.lastRun.rowCount ?? 0, locale),
                    })
                  : null
              }
              words={d}
              editorWords={t.workbench.editor}
              locale={locale}
            />
          ))}
        </div>
      )}
    </div>
  );
}
