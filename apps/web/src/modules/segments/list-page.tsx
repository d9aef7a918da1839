import { getPrisma } from "@dangol/db/client";
import { formatCount, formatSeoulDate, SEGMENT_THEMES, type SegmentTheme } from "@dangol/domain";
import { listSegments } from "@dangol/segments";
import Link from "next/link";
import type { Session } from "next-auth";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { segmentUser } from "./user.ts";

const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Callers guard with requireRole("segments"). The theme filter is a GET form: the URL is the filter. */
export async function SegmentsListPage({ session, theme }: { session: Session; theme: SegmentTheme | undefined }) {
  const { locale, t } = await getDictionary();
  const w = t.segments;
  const rows = await listSegments(getPrisma(), segmentUser(session), theme ? { theme } : {});
  return (
    <div>
      <PageHeader title={w.title} subtitle={w.subtitle} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <form method="get" action="/segments" className="flex items-end gap-2" data-testid="theme-filter">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {w.list.theme}
            <select name="theme" defaultValue={theme ?? ""} className={control}>
              <option value="">{w.list.anyTheme}</option>
              {SEGMENT_THEMES.map((s) => (
                <option key={s} value={s}>
                  {w.themeNames[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm">
            {w.list.apply}
          </button>
        </form>
        <div className="ml-auto flex gap-2">
          <Link
            href="/segments/overlap"
            className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm"
          >
            {w.links.overlap}
          </Link>
          <Link
            href="/segments/new"
            className="min-h-10 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white"
          >
            {w.links.new}
          </Link>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {theme ? w.list.noMatch : w.list.empty}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm" data-testid="segments-table">
            <thead className="bg-slate-50 text-left text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">{w.list.name}</th>
                <th className="px-3 py-2 font-medium">{w.list.themes}</th>
                <th className="px-3 py-2 font-medium">{w.list.owner}</th>
                <th className="px-3 py-2 text-right font-medium">{w.list.size}</th>
                <th className="px-3 py-2 font-medium">{w.list.takenAt}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-segment-id={r.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={`/segments/${r.id}`} className="underline decoration-slate-300">
                      {r.name}
                    </Link>
                    {r.builtIn ? (
                      <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900">
                        {w.list.readyMade}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <span className="flex flex-wrap gap-1">
                      {r.themes.map((s) => (
                        <span key={s} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs">
                          {w.themeNames[s] ?? s}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{r.ownerEmail}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {r.lastSnapshot ? formatCount(r.lastSnapshot.size, locale) : w.list.noSnapshot}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                    {r.lastSnapshot ? formatSeoulDate(r.lastSnapshot.takenAt) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
