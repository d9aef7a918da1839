import {
  type CalendarCampaignEntry,
  campaignCalendar,
  getPromotion,
  listPromotions,
  PROMOTION_FORMATS,
  PROMOTION_KINDS,
  type Promotion,
} from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { formatSeoulDateTime } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { PromotionDelete } from "./components/promotion-delete.tsx";
import { PromotionForm } from "./components/promotion-form.tsx";
import { type MonthView, seoulDay, seoulMidnight } from "./plan-params.ts";

const DAY_MS = 86_400_000;

const KIND_TONES: Record<string, string> = {
  sale: "bg-rose-100 text-rose-900 border-rose-300",
  gift: "bg-amber-100 text-amber-900 border-amber-300",
  season: "bg-emerald-100 text-emerald-900 border-emerald-300",
  other: "bg-slate-100 text-slate-800 border-slate-300",
};

/**
 * The month grid (Seoul days, Sunday first): the promotions as bars on each of their days, the
 * campaigns as dots at their send times, so an overlap shows at a glance; below, the month's
 * promotions with create / edit / delete. Callers guard with requireRole("campaigns"), which is
 * also who may change promotions (ADMIN and CRM_MANAGER).
 */
export async function CampaignCalendarPage({ view, editId }: { view: MonthView; editId: string | undefined }) {
  const { t } = await getDictionary();
  const w = t.campaignsPlan.calendar;
  const prisma = getPrisma();
  const gridFirst = view.days[0]!.day;
  const gridLast = view.days.at(-1)!.day;
  const [promotions, entries, editing] = await Promise.all([
    listPromotions(prisma, { from: gridFirst, to: gridLast }),
    campaignCalendar(prisma, {
      from: seoulMidnight(gridFirst),
      to: new Date(seoulMidnight(gridLast).getTime() + DAY_MS),
    }),
    editId && /^\d{1,18}$/.test(editId) ? getPromotion(prisma, editId).catch(() => null) : Promise.resolve(null),
  ]);
  const byDay = new Map<string, CalendarCampaignEntry[]>();
  for (const e of entries) {
    const day = seoulDay(e.at);
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const onDay = (day: string) => promotions.filter((p) => p.startsOn <= day && day <= p.endsOn);
  const inMonth = promotions.filter((p) => p.startsOn <= view.last && view.first <= p.endsOn);
  const today = seoulDay(new Date());
  const here = `/campaigns/calendar?month=${view.month}`;
  const formatsText = (p: Promotion) => p.formats.map((f) => w.formatNames[f] ?? f).join(", ");

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={w.title} subtitle={w.subtitle} />
      <p className="text-sm">
        <Link href="/campaigns" className="text-slate-600 underline">
          {t.campaignsPlan.back}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Link
          href={`/campaigns/calendar?month=${view.prev}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
        >
          {w.prev}
        </Link>
        <h2 className="text-lg font-semibold" data-testid="calendar-month" data-month={view.month}>
          {fill(w.month, { year: view.year, month: view.monthNo })}
        </h2>
        <Link
          href={`/campaigns/calendar?month=${view.next}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
        >
          {w.next}
        </Link>
        <Link href="/campaigns/calendar" className="text-sm text-slate-600 underline">
          {w.thisMonth}
        </Link>
        <span className="text-xs text-slate-500">{w.legend}</span>
      </div>

      <div className="overflow-x-auto">
        <div
          className="grid min-w-[48rem] grid-cols-7 gap-px rounded-xl border border-slate-200 bg-slate-200"
          data-testid="calendar-grid"
        >
          {w.weekdays.map((d, i) => (
            <div
              key={d}
              className={`bg-slate-50 px-2 py-1 text-xs font-medium ${i === 0 ? "text-red-700" : i === 6 ? "text-blue-700" : "text-slate-600"}`}
            >
              {d}
            </div>
          ))}
          {view.days.map(({ day, inMonth: current }) => (
            <div
              key={day}
              data-day={day}
              className={`flex min-h-24 flex-col gap-0.5 p-1 ${current ? "bg-white" : "bg-slate-50 text-slate-400"}`}
            >
              <span
                className={`self-start px-1 text-xs ${day === today ? "rounded-full bg-slate-900 font-semibold text-white" : ""}`}
              >
                {Number(day.slice(8))}
              </span>
              {onDay(day).map((p) => (
                <span
                  key={p.id}
                  data-promotion-id={p.id}
                  title={`${p.name} · ${w.kinds[p.kind] ?? p.kind} · ${formatsText(p)} · ${p.startsOn} ~ ${p.endsOn}`}
                  className={`truncate rounded border px-1 text-[11px] leading-4 ${KIND_TONES[p.kind] ?? KIND_TONES.other}`}
                >
                  {p.name}
                </span>
              ))}
              {(byDay.get(day) ?? []).map((e) => (
                <Link
                  key={`${e.campaignId}-${e.at.getTime()}`}
                  href={`/campaigns/${e.campaignId}`}
                  data-calendar-campaign={e.campaignId}
                  data-kind={e.kind}
                  title={`${e.name} · ${e.kind === "run" ? w.run : w.planned} · ${formatSeoulDateTime(e.at)}`}
                  className="flex items-center gap-1 truncate text-[11px] leading-4 text-slate-800 hover:underline"
                >
                  <span
                    aria-hidden
                    className={`inline-block h-2 w-2 shrink-0 rounded-full border border-sky-700 ${e.kind === "run" ? "bg-sky-700" : "bg-white"}`}
                  />
                  <span className="truncate">
                    {formatSeoulDateTime(e.at).slice(11)} {e.name}
                  </span>
                </Link>
              ))}
            </div>
          ))}
        </div>
      </div>

      <Card title={w.promotions}>
        {inMonth.length === 0 ? (
          <p className="text-sm text-slate-500">{w.noPromotions}</p>
        ) : (
          <div data-testid="promotion-list">
            <StatTable
              head={[w.name, w.kind, w.formats, w.period, w.note, ""]}
              rows={inMonth.map((p) => [
                <span key="n" data-promotion-row={p.id}>
                  {p.name}
                </span>,
                w.kinds[p.kind] ?? p.kind,
                formatsText(p),
                `${p.startsOn} ~ ${p.endsOn}`,
                <span key="note" className="text-slate-600">
                  {p.note || "—"}
                </span>,
                <span key="a" className="flex justify-end gap-3 whitespace-nowrap">
                  <Link href={`${here}&edit=${p.id}`} className="text-sm underline">
                    {w.edit}
                  </Link>
                  <PromotionDelete id={p.id} label={w.delete} confirm={w.confirmDelete} />
                </span>,
              ])}
            />
          </div>
        )}
      </Card>

      <Card title={editing ? w.editPromotion : w.addPromotion}>
        <PromotionForm
          key={editing?.id ?? "new"}
          w={w}
          kinds={PROMOTION_KINDS}
          formats={PROMOTION_FORMATS}
          initial={
            editing
              ? {
                  id: editing.id,
                  name: editing.name,
                  kind: editing.kind,
                  formats: editing.formats,
                  startsOn: editing.startsOn,
                  endsOn: editing.endsOn,
                  note: editing.note,
                }
              : null
          }
          cancelHref={here}
        />
      </Card>
    </div>
  );
}
