import { getPrisma } from "@dangol/db/client";
import { formatCount } from "@dangol/domain";
import { listSegments, overlapSegments, type SegmentOverlap, segmentPool } from "@dangol/segments";
import Link from "next/link";
import type { Session } from "next-auth";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Venn, type VennRegion } from "./components/venn.tsx";
import { regionHref } from "./overlap-links.ts";
import { segmentUser } from "./user.ts";

const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** /segments/overlap: pick two or three segments (a GET form), see the counts per region. */
export async function SegmentOverlapPage({ session, ids }: { session: Session; ids: string[] }) {
  const { locale, t } = await getDictionary();
  const w = t.segments;
  const user = segmentUser(session);
  const segments = await listSegments(getPrisma(), user);
  const known = ids.filter((id) => segments.some((s) => s.id === id));
  let result: SegmentOverlap | null = null;
  // on the count's pool and its session settings (segmentPool)
  if (known.length >= 2) result = await overlapSegments(getPrisma(), user, known, { db: segmentPool() });
  const name = (id: string) => result?.segments.find((s) => s.id === id)?.name ?? id;
  const regionLabel = (inside: string[]) =>
    inside.length === 1 && known.length > 1
      ? fill(w.overlap.only, { name: name(inside[0]!) })
      : inside.map(name).join(w.overlap.and);
  const regions: (VennRegion & { size: number })[] = (result?.regions ?? []).map((r) => ({
    inside: known.map((id) => r.in.includes(id)),
    count: formatCount(r.size, locale),
    size: r.size,
    href: regionHref(known, r.in),
    label: regionLabel(r.in),
  }));
  return (
    <div>
      <PageHeader title={w.overlap.title} subtitle={w.overlap.subtitle} />
      <Link href="/segments" className="mb-3 inline-block text-sm text-slate-600 underline">
        ← {w.links.list}
      </Link>
      <form
        method="get"
        action="/segments/overlap"
        className="mb-4 flex flex-wrap items-end gap-3"
        data-testid="overlap-form"
      >
        {[0, 1, 2].map((i) => (
          <label key={i} className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {fill(w.overlap.pick, { n: i + 1 })}
            <select name="ids" defaultValue={known[i] ?? ""} className={`${control} max-w-64`}>
              <option value="">{w.overlap.none}</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit" className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white">
          {w.overlap.show}
        </button>
      </form>
      {!result ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {w.overlap.needTwo}
        </p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <Venn names={result.segments.map((s) => s.name)} regions={regions} />
          </div>
          <table
            className="h-fit w-full rounded-xl border border-slate-200 bg-white text-sm shadow-sm"
            data-testid="overlap-table"
          >
            <thead className="bg-slate-50 text-left text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">{w.overlap.region}</th>
                <th className="px-3 py-2 text-right font-medium">{w.overlap.customers}</th>
              </tr>
            </thead>
            <tbody>
              {result.segments.map((s) => (
                <tr key={`all-${s.id}`} className="border-t border-slate-100 bg-slate-50/50">
                  <td className="px-3 py-2 font-medium">{s.name}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Link href={regionHref([], [s.id])} className="underline decoration-slate-300">
                      {formatCount(s.size, locale)}
                    </Link>
                  </td>
                </tr>
              ))}
              {regions.map((r) => (
                <tr
                  key={r.href}
                  className="border-t border-slate-100"
                  data-region={r.inside.map((x) => (x ? 1 : 0)).join("")}
                >
                  <td className="px-3 py-2">{r.label}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Link href={r.href} className="underline decoration-slate-300">
                      {r.count}
                    </Link>
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
