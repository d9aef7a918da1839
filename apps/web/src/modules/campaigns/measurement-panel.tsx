import { getPrisma } from "@dangol/db/client";
import { formatCount, formatKRW, type LiftReport, type Locale } from "@dangol/domain";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { ResponseChart } from "./components/response-chart.tsx";
import { DASH, intervalText, pointsText, pValueText, rateText, roiText, significanceOf } from "./figures.ts";
import { campaignFigures } from "./measurement-cache.ts";
import type { CampaignsPlanWords } from "./plan-i18n.ts";

const DAY_MS = 86_400_000;

/** Whether some sent batch's response window is still open (its figures can still move). */
async function windowStillOpen(campaignId: string, days: number, now: Date): Promise<boolean> {
  const [row] = await getPrisma().$queryRaw<{ last: Date | null }[]>`
    SELECT max(b.sent_at) AS last
      FROM campaign_batch b JOIN campaign_run r ON r.id = b.run_id
     WHERE r.campaign_id = ${BigInt(campaignId)}`;
  return row?.last ? row.last.getTime() + days * DAY_MS > now.getTime() : false;
}

function Verdict({ lift, m }: { lift: LiftReport; m: CampaignsPlanWords["measure"] }) {
  const s = significanceOf(lift.zTest?.pValue ?? null);
  const text = s === "significant" ? m.significant : s === "not_significant" ? m.notSignificant : m.noTest;
  const tone = s === "significant" ? "bg-green-50 text-green-900" : "bg-slate-100 text-slate-700";
  return (
    <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${tone}`} data-significance={s}>
      {text}
    </span>
  );
}

function liftRow(label: string, key: string, lift: LiftReport, locale: Locale, m: CampaignsPlanWords["measure"]) {
  const n = (v: number) => formatCount(v, locale);
  const krw = (v: number | null) => (v === null ? DASH : formatKRW(v, locale));
  return [
    <span key="label" data-measure-row={key}>
      {label}
    </span>,
    n(lift.target.size),
    n(lift.control.size),
    rateText(lift.target.responseRate),
    rateText(lift.control.responseRate),
    pointsText(lift.rateDifference),
    lift.incrementalResponders === null ? DASH : n(Math.round(lift.incrementalResponders)),
    krw(lift.incrementalRevenue),
    krw(lift.incrementalGrossMargin),
    krw(lift.cost),
    <span key="roi" data-testid={`roi-${key}`}>
      {roiText(lift.roi)}
    </span>,
    pValueText(lift.zTest?.pValue ?? null),
    intervalText(lift.confidenceInterval95),
    <Verdict key="v" lift={lift} m={m} />,
  ];
}

/**
 * The detail page's measurement section: target vs control for the campaign and each channel, the
 * cumulative response curve and the definitions. Figures come from @dangol/campaigns' measurement
 * (docs/campaigns.md, "Measurement"); callers guard with requireRole("campaigns").
 */
export async function MeasurementPanel({ campaignId, now = new Date() }: { campaignId: string; now?: Date }) {
  const { locale, t } = await getDictionary();
  const m = t.campaignsPlan.measure;
  const { measured, curve } = await campaignFigures(campaignId);
  if (measured.runs === 0) {
    return (
      <Card title={m.title}>
        <p className="text-sm text-slate-500">{m.noRuns}</p>
      </Card>
    );
  }
  const open = await windowStillOpen(campaignId, measured.responseWindowDays, now);
  const pending = measured.pending.target + measured.pending.control;
  const channelName = (c: string) => t.campaigns.channelNames[c] ?? c;

  return (
    <Card title={m.title} note={m.note}>
      <div className="flex flex-col gap-3" data-testid="measurement">
        {pending > 0 ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="measure-pending">
            {fill(m.pending, {
              target: formatCount(measured.pending.target, locale),
              control: formatCount(measured.pending.control, locale),
            })}
          </p>
        ) : null}
        {open ? (
          <p className="text-sm text-slate-600" data-testid="measure-window-open">
            {fill(m.windowOpen, { days: measured.responseWindowDays })}
          </p>
        ) : null}
        <StatTable
          head={[
            m.row,
            m.target,
            m.control,
            m.targetRate,
            m.controlRate,
            m.difference,
            m.incrementalResponders,
            m.incrementalRevenue,
            m.incrementalMargin,
            m.cost,
            m.roi,
            m.pValue,
            m.ci,
            m.significance,
          ]}
          rows={[
            liftRow(m.overall, "overall", measured.overall, locale, m),
            ...measured.channels.map((c) =>
              liftRow(fill(m.channelRow, { channel: channelName(c.channel) }), c.channel, c.lift, locale, m),
            ),
          ]}
        />
        {measured.channels.length > 0 ? <p className="text-xs text-slate-500">{m.channelNote}</p> : null}
        <div>
          <h3 className="text-sm font-medium">{m.chartTitle}</h3>
          {curve.length === 0 || measured.overall.target.size + measured.overall.control.size === 0 ? (
            <p className="text-sm text-slate-500">{m.noChart}</p>
          ) : (
            <ResponseChart
              points={curve.map((p) => ({ day: p.day, target: p.targetRate, control: p.controlRate }))}
              labels={{ target: m.chartTarget, control: m.chartControl, day: m.day }}
            />
          )}
        </div>
        <details className="text-sm" data-testid="measure-how">
          <summary className="cursor-pointer font-medium text-slate-700">{m.howTitle}</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-600">
            {m.how.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      </div>
    </Card>
  );
}
