import { getPrisma } from "@dangol/db/client";
import { emptySegment, formatCount, formatSeoulDate, formatSeoulDateTime, SEGMENT_THEMES } from "@dangol/domain";
import { getSegment, snapshotHistory } from "@dangol/segments";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { Session } from "next-auth";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { SegmentBuilder } from "./components/builder.tsx";
import { DetailActions } from "./components/detail-actions.tsx";
import { SizeChart } from "./components/size-chart.tsx";
import { builderChoices } from "./queries.ts";
import { segmentUser } from "./user.ts";

/** /segments/new: an empty builder. Callers guard with requireRole("segments"). */
export async function NewSegmentPage() {
  const { locale, t } = await getDictionary();
  const w = t.segments;
  const choices = await builderChoices(t, locale);
  return (
    <div>
      <PageHeader title={w.builder.newTitle} subtitle={w.builder.limits} />
      <BackLink label={w.links.list} />
      <SegmentBuilder
        initial={emptySegment()}
        segment={null}
        choices={choices}
        themes={SEGMENT_THEMES}
        w={w}
        locale={locale}
      />
    </div>
  );
}

/** /segments/[id]: the saved tree in the builder, its size over time, snapshot / export / delete. */
export async function SegmentDetailPage({ session, id }: { session: Session; id: string }) {
  if (!/^\d{1,18}$/.test(id)) notFound();
  const { locale, t } = await getDictionary();
  const w = t.segments;
  const user = segmentUser(session);
  const segment = await getSegment(getPrisma(), user, id).catch((error: Error) => {
    if (error.name === "SegmentNotFoundError") notFound();
    throw error;
  });
  const [snapshots, choices] = await Promise.all([
    snapshotHistory(getPrisma(), user, id),
    builderChoices(t, locale, id),
  ]);
  const points = snapshots.map((s) => ({ at: formatSeoulDate(s.takenAt), size: s.size }));
  return (
    <div className="flex flex-col gap-4">
      <div>
        <PageHeader title={segment.name} subtitle={segment.description || undefined} />
        <BackLink label={w.links.list} />
        <p className="text-sm text-slate-600">
          {w.detail.owner}: {segment.ownerEmail} · {fill(w.detail.version, { version: segment.version })}
          {segment.builtIn ? ` · ${w.list.readyMade}` : ""}
        </p>
        <p className="mt-1 flex flex-wrap gap-1">
          {segment.themes.map((s) => (
            <span key={s} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs">
              {w.themeNames[s] ?? s}
            </span>
          ))}
        </p>
      </div>
      <DetailActions id={segment.id} name={segment.name} canEdit={segment.canEdit} w={w} />
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-medium text-slate-600">{w.detail.history}</h2>
        {points.length === 0 ? (
          <p className="text-sm text-slate-500">{w.detail.noHistory}</p>
        ) : (
          <>
            <SizeChart points={points} label={w.detail.size} />
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-slate-600">{w.detail.history}</summary>
              <table className="mt-2 w-full text-sm" data-testid="snapshot-table">
                <thead className="text-left text-slate-500">
                  <tr>
                    <th className="px-2 py-1 font-medium">{w.detail.takenAt}</th>
                    <th className="px-2 py-1 font-medium">{w.detail.reason}</th>
                    <th className="px-2 py-1 text-right font-medium">{w.detail.size}</th>
                    <th className="px-2 py-1 text-right font-medium">{w.detail.spend}</th>
                  </tr>
                </thead>
                <tbody>
                  {snapshots.map((s) => (
                    <tr key={s.id} className="border-t border-slate-100">
                      <td className="px-2 py-1 tabular-nums">{formatSeoulDateTime(s.takenAt)}</td>
                      <td className="px-2 py-1">{w.detail.reasons[s.reason] ?? s.reason}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatCount(s.size, locale)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatCount(s.spend12m, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
      <SegmentBuilder
        initial={segment.definition}
        segment={{
          id: segment.id,
          version: segment.version,
          name: segment.name,
          description: segment.description,
          themes: segment.themes,
          canEdit: segment.canEdit,
        }}
        choices={choices}
        themes={SEGMENT_THEMES}
        w={w}
        locale={locale}
      />
    </div>
  );
}

function BackLink({ label }: { label: string }) {
  return (
    <Link href="/segments" className="mb-3 inline-block text-sm text-slate-600 underline">
      ← {label}
    </Link>
  );
}
