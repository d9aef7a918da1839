import { loadCampaignSettings } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { CAMPAIGN_CHANNELS, formatCount, formatKRW, formatSeoulDateTime } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { CampaignSettingsForm } from "./components/campaign-settings-form.tsx";
import { MAX_CAP_ROWS, MAX_MARGIN_ROWS, settingsToForm } from "./settings-form.ts";

const pct = (rate: number) => `${Math.round(rate * 1e4) / 100}%`;

/**
 * The campaign settings (analytics_config kind "campaigns", versioned): the values in force, the
 * editor for ADMIN (the save action checks the role again), and the version history. Callers
 * guard with requireRole("campaigns"); `canEdit` is the role being ADMIN.
 */
export async function CampaignSettingsPage({ canEdit }: { canEdit: boolean }) {
  const { locale, t } = await getDictionary();
  const s = t.campaignsPlan.settings;
  const prisma = getPrisma();
  const [settings, versions] = await Promise.all([
    loadCampaignSettings(prisma),
    prisma.analyticsConfig.findMany({
      where: { kind: "campaigns" },
      orderBy: { version: "desc" },
      take: 20,
      select: { version: true, createdBy: true, createdAt: true, note: true },
    }),
  ]);
  const channel = (c: string) => t.campaigns.channelNames[c] ?? c;
  const current = versions[0]?.version;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={s.title} subtitle={s.subtitle} />
      <p className="text-sm">
        <Link href="/campaigns" className="text-slate-600 underline">
          {t.campaignsPlan.back}
        </Link>
      </p>
      <Card title={current ? fill(s.current, { version: current }) : s.defaults}>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[16rem_1fr]" data-testid="current-settings">
          <dt className="text-slate-500">{s.approvalThreshold}</dt>
          <dd data-testid="current-threshold">{formatKRW(settings.approvalThreshold, locale)}</dd>
          <dt className="text-slate-500">{s.senderName}</dt>
          <dd>{settings.senderName}</dd>
          <dt className="text-slate-500">{s.senderPhone}</dt>
          <dd>{settings.senderPhone}</dd>
          <dt className="text-slate-500">{s.optOut080}</dt>
          <dd>{settings.optOut080}</dd>
          <dt className="text-slate-500">{s.batchSize}</dt>
          <dd>{formatCount(settings.batchSize, locale)}</dd>
          <dt className="text-slate-500">{s.maxAttempts}</dt>
          <dd>{settings.maxAttempts}</dd>
          {CAMPAIGN_CHANNELS.map((c) => (
            <div key={c} className="contents">
              <dt className="text-slate-500">{fill(s.ratePerSecond, { channel: channel(c) })}</dt>
              <dd>{formatCount(settings.ratePerSecond[c], locale)}</dd>
            </div>
          ))}
          <dt className="text-slate-500">{s.caps}</dt>
          <dd>
            {settings.frequencyCaps
              .map(
                (cap) =>
                  `${cap.channel && cap.channel !== "ALL" ? channel(cap.channel) : s.capAll} ${cap.max} / ${cap.days}d`,
              )
              .join(" · ") || "—"}
          </dd>
          <dt className="text-slate-500">{s.defaultRate}</dt>
          <dd>
            {pct(settings.marginRates.defaultRate)}
            {Object.keys(settings.marginRates.rates).length > 0
              ? ` · ${Object.entries(settings.marginRates.rates)
                  .map(([code, rate]) => `${code} ${pct(rate)}`)
                  .join(", ")}`
              : ""}
          </dd>
        </dl>
      </Card>
      <Card title={s.save}>
        {canEdit ? (
          <CampaignSettingsForm
            w={s}
            values={settingsToForm(settings)}
            channels={CAMPAIGN_CHANNELS}
            channelNames={t.campaigns.channelNames}
            capRows={Math.min(MAX_CAP_ROWS, settings.frequencyCaps.length + 2)}
            marginRows={Math.min(MAX_MARGIN_ROWS, Object.keys(settings.marginRates.rates).length + 3)}
          />
        ) : (
          <p className="text-sm text-slate-600" data-testid="settings-read-only">
            {s.readOnly}
          </p>
        )}
      </Card>
      <Card title={s.history}>
        <div data-testid="settings-versions">
          <StatTable
            head={[s.version, s.by, s.at, s.note]}
            rows={versions.map((v) => [`v${v.version}`, v.createdBy, formatSeoulDateTime(v.createdAt), v.note ?? "—"])}
          />
        </div>
      </Card>
    </div>
  );
}
