import { getPrisma } from "@dangol/db/client";
import { formatCount, formatKRW, formatSeoulDate, formatSeoulDateTime, type Locale } from "@dangol/domain";
import { lifecycleThresholds } from "@dangol/domain/lifecycle";
import { SEGMENT_RULES } from "@dangol/domain/rfm";
import { evaluateTier, type TierRules } from "@dangol/domain/tiers";
import { segmentsOfCustomer } from "@dangol/segments";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { Session } from "next-auth";
import type { ReactNode } from "react";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { formatNumber } from "@/modules/analytics/analytics-page";
import { loadConfig } from "@/modules/analytics/queries";
import { ContactActions } from "@/modules/contacts/contact-actions";
import { ContactTimeline } from "@/modules/contacts/timeline";
import { segmentUser } from "@/modules/segments/user";
import { PageHeader } from "@/modules/shell/page-header";
import { Card } from "@/modules/shell/stat-table";
import { CampaignConsent } from "./campaign-consent.tsx";
import {
  loadConsents,
  loadCustomerDetail,
  loadLedger,
  loadMemberRecords,
  loadMergeHistory,
  loadReceipts,
  loadTierHistory,
} from "./customer-queries.ts";
import { Consents, Ledger, MemberRecords, MergeHistory, Receipts, TierHistory } from "./customer-sections.tsx";

const DAY_MS = 86_400_000;

function Row({ label, value, testId }: { label: ReactNode; value: ReactNode; testId?: string }) {
  return (
    <div className="flex justify-between gap-3 border-b border-slate-100 py-1.5 text-sm last:border-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function tierLabel(rules: TierRules, code: string, locale: Locale): string {
  const tier = rules.tiers.find((t) => t.code === code);
  return tier ? `${locale === "en" ? (tier.nameEn ?? tier.name) : tier.name} (${code})` : code;
}

/**
 * The CRM team's whole view of one customer: the unmasked profile, the member records behind it
 * and its merges, the "why" panel (each figure of the last refresh next to the inputs and rules
 * that produced it), receipts and the points ledger (paged: `rp` / `pp` in the URL), tier history,
 * consent and the contact timeline. Callers guard with requireRole("customers") (ADMIN, CRM_MANAGER).
 */
export async function CustomerPage({
  id,
  receiptsPage,
  ledgerPage,
  session,
}: {
  id: bigint;
  receiptsPage: number;
  ledgerPage: number;
  session: Session;
}) {
  const { locale, t } = await getDictionary();
  const w = t.why;
  const c = t.customers;
  const p = t.customer;
  const [detail, config, records, merges, receipts, ledger, tierHistory, consents, segments] = await Promise.all([
    loadCustomerDetail(id),
    loadConfig(),
    loadMemberRecords(id),
    loadMergeHistory(id),
    loadReceipts(id, receiptsPage),
    loadLedger(id, ledgerPage),
    loadTierHistory(id),
    loadConsents(id),
    segmentsOfCustomer(getPrisma(), segmentUser(session), id),
  ]);
  if (!detail) notFound();
  const { customer, metrics: m, tierVersion, held, fits } = detail;
  const ctx = { t, locale };
  const base = new URLSearchParams();
  if (receiptsPage > 1) base.set("rp", String(receiptsPage));
  if (ledgerPage > 1) base.set("pp", String(ledgerPage));
  const divisions = [...new Set(records.filter((r) => !r.withdrawnAt).map((r) => r.sourceCode))].sort();
  const count = (n: number) => formatCount(n, locale);
  const krw = (n: number | bigint) => formatKRW(n, locale);
  const rules = config.tiers;

  let body: ReactNode;
  if (!m) {
    body = (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{w.noMetrics}</p>
    );
  } else {
    const spend = Number(m.spend12m);
    const tierIndex = rules.tiers.findIndex((x) => x.code === m.tierCode);
    const next = tierIndex > 0 ? rules.tiers[tierIndex - 1] : undefined;
    const nowTier = evaluateTier(spend, m.visits12m, rules);
    const rulesChanged = tierVersion && tierVersion.createdAt > m.computedAt;
    const segmentRule = SEGMENT_RULES.find((r) => r.segment === m.rfmSegment);
    const daysSince = Math.round((m.asOf.getTime() - m.lastPurchaseOn.getTime()) / DAY_MS);
    const thresholds = lifecycleThresholds(m.purchaseDays, m.medianIntervalDays ?? undefined, config.lifecycle);
    const range = ([lo, hi]: readonly [number, number]) => (lo === hi ? `${lo}` : `${lo}–${hi}`);
    const fmt = (n: number) => formatNumber(n, locale, 3);
    const pct = (share: number) => `${formatNumber(share * 100, locale, 1)}%`;

    body = (
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={w.tier}>
          <div data-testid="why-tier">
            <p className="text-lg font-semibold" data-testid="why-tier-result">
              {tierLabel(rules, m.tierCode, locale)}
            </p>
            {held && held.tierCode !== m.tierCode ? (
              <p className="text-xs text-slate-500">
                {t.analytics.tier}: {tierLabel(rules, held.tierCode, locale)} ({formatSeoulDate(held.effectiveFrom)}~)
              </p>
            ) : null}
            <dl className="mt-2">
              <Row label={fill(w.spend, { months: rules.windowMonths })} value={krw(spend)} testId="why-spend" />
              <Row label={fill(w.visits, { months: rules.windowMonths })} value={count(m.visits12m)} />
            </dl>
            <table className="mt-3 w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-500">
                  <th className="py-1 pr-2 font-medium">{t.analytics.tier}</th>
                  <th className="py-1 pr-2 text-right font-medium">{t.tiers.minSpend}</th>
                  <th className="py-1 pr-2 text-right font-medium">{t.tiers.minVisits}</th>
                </tr>
              </thead>
              <tbody>
                {rules.tiers.map((tier) => {
                  const spendOk = spend >= tier.minSpend;
                  const visitsOk = m.visits12m >= tier.minVisits;
                  return (
                    <tr
                      key={tier.code}
                      className={`border-b border-slate-100 last:border-0 ${tier.code === m.tierCode ? "bg-amber-50 font-medium" : ""}`}
                    >
                      <td className="py-1 pr-2">{tierLabel(rules, tier.code, locale)}</td>
                      <td
                        className={`py-1 pr-2 text-right tabular-nums ${spendOk ? "text-green-800" : "text-slate-500"}`}
                      >
                        {krw(tier.minSpend)} {spendOk ? "✓" : "✗"}
                      </td>
                      <td
                        className={`py-1 pr-2 text-right tabular-nums ${visitsOk ? "text-green-800" : "text-slate-500"}`}
                      >
                        {count(tier.minVisits)} {visitsOk ? "✓" : "✗"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="mt-3 text-sm" data-testid="why-tier-gap">
              {next
                ? `${fill(w.nextTier, { tier: tierLabel(rules, next.code, locale) })}: ${[
                    next.minSpend > spend ? fill(w.gapSpend, { gap: krw(next.minSpend - spend) }) : null,
                    next.minVisits > m.visits12m
                      ? fill(w.gapVisits, { gap: count(next.minVisits - m.visits12m) })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(", ")}`
                : w.topTier}
            </p>
            {m.downgradeRisk && m.projectedSpend !== null ? (
              <p className="mt-1 text-sm text-amber-800">
                {fill(w.downgradeRisk, { projected: krw(m.projectedSpend) })}
              </p>
            ) : null}
            {rulesChanged ? (
              <p
                className="mt-2 rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700"
                data-testid="why-rules-changed"
              >
                {fill(w.rulesChanged, {
                  version: tierVersion.version,
                  tier: tierLabel(rules, nowTier.code, locale),
                })}
              </p>
            ) : null}
          </div>
        </Card>

        <Card title={w.rfm}>
          <div data-testid="why-rfm">
            {m.rScore === null || m.fScore === null || m.mScore === null ? (
              <p className="text-sm text-slate-600">{fill(w.noRfm, { months: config.rfm.windowMonths })}</p>
            ) : null}
            <dl>
              <Row label={w.recency} value={`${count(m.recencyDays)} → R ${m.rScore ?? "—"}`} />
              <Row label={w.frequency} value={`${count(m.frequency)} → F ${m.fScore ?? "—"}`} />
              <Row label={w.monetary} value={`${krw(m.monetary)} → M ${m.mScore ?? "—"}`} />
              <Row
                label={t.analytics.segment}
                value={m.rfmSegment ? `${t.analytics.segmentNames[m.rfmSegment] ?? m.rfmSegment} (${m.rfmCell})` : "—"}
                testId="why-segment"
              />
            </dl>
            {segmentRule ? (
              <p className="mt-2 text-xs text-slate-500">
                {fill(w.rfmRule, {
                  r: range(segmentRule.r),
                  f: range(segmentRule.f),
                  segment: t.analytics.segmentNames[segmentRule.segment] ?? segmentRule.segment,
                })}
              </p>
            ) : null}
          </div>
        </Card>

        <Card title={w.lifecycle}>
          <div data-testid="why-lifecycle">
            <dl>
              <Row
                label={t.analytics.stage}
                value={t.analytics.stageNames[m.lifecycleStage] ?? m.lifecycleStage}
                testId="why-stage"
              />
              <Row label={w.daysSince} value={fill(w.days, { days: count(daysSince) })} />
              <Row label={w.purchaseDays} value={count(m.purchaseDays)} />
              <Row
                label={w.median}
                value={m.medianIntervalDays === null ? "—" : fill(w.days, { days: fmt(m.medianIntervalDays) })}
              />
              <Row
                label={`${t.analytics.stageNames.at_risk} >`}
                value={fill(w.days, { days: count(thresholds.atRiskDays) })}
              />
              <Row
                label={`${t.analytics.stageNames.dormant} >`}
                value={fill(w.days, { days: count(thresholds.dormantDays) })}
              />
              <Row
                label={`${t.analytics.stageNames.churned} >`}
                value={fill(w.days, { days: count(thresholds.churnedDays) })}
              />
            </dl>
            <p className="mt-2 text-xs text-slate-500">
              {thresholds.rhythm
                ? fill(w.rhythmBasis, {
                    interval: fmt(Math.max(m.medianIntervalDays ?? 0, config.lifecycle.minIntervalDays)),
                    atRisk: config.lifecycle.atRiskMultiple,
                    dormant: config.lifecycle.dormantMultiple,
                    churned: config.lifecycle.churnedMultiple,
                  })
                : fill(w.fixedBasis, { days: m.purchaseDays })}
            </p>
          </div>
        </Card>

        <Card title={w.cycle}>
          <div data-testid="why-cycle">
            <dl>
              <Row label={w.lastPurchase} value={formatSeoulDate(m.lastPurchaseOn)} />
              <Row
                label={w.median}
                value={m.medianIntervalDays === null ? "—" : fill(w.days, { days: fmt(m.medianIntervalDays) })}
              />
              <Row label={w.nextDue} value={m.nextPurchaseDue ? formatSeoulDate(m.nextPurchaseDue) : "—"} />
              <Row label={w.dueNow} value={m.dueNow ? w.yes : w.no} />
            </dl>
            {m.medianIntervalDays === null ? (
              <p className="mt-2 text-xs text-slate-500">{fill(w.noCycle, { min: config.cycles.minPurchaseDays })}</p>
            ) : null}
          </div>
        </Card>

        <Card title={p.crossFormat}>
          <div data-testid="why-crossformat">
            <dl>
              <Row label={p.firstPurchase} value={formatSeoulDate(m.firstPurchaseOn)} />
              <Row
                label={fill(p.shares, { months: rules.windowMonths })}
                value={`DPT ${pct(m.shareDpt)} · MART ${pct(m.shareMart)} · SM ${pct(m.shareSm)}`}
              />
              <Row label={p.combo} value={m.formatCombo} />
              <Row
                label={p.distant}
                value={m.distantPurchase ? (m.distantKm === null ? w.yes : `${w.yes} (${fmt(m.distantKm)} km)`) : w.no}
              />
              <Row label={p.invites} value={m.inviteFormats.join(", ") || "—"} />
            </dl>
            <p className="mt-2 text-xs text-slate-500">
              {fill(p.crossFormatBasis, {
                km: config.crossformat.distantKm,
                visits: config.crossformat.inviteMinVisits,
                spend: krw(config.crossformat.inviteDptMinSpend),
              })}
            </p>
          </div>
        </Card>

        <Card title={w.value}>
          <div data-testid="why-value">
            {m.expectedPurchases90d === null && m.clv12m === null ? (
              <p className="text-sm text-slate-600">{w.noValue}</p>
            ) : (
              <dl>
                <Row
                  label={w.expected90}
                  value={m.expectedPurchases90d === null ? "—" : formatNumber(m.expectedPurchases90d, locale, 2)}
                />
                <Row label={w.pAlive} value={m.pAlive === null ? "—" : formatNumber(m.pAlive, locale, 3)} />
                <Row label={w.clv12} value={m.clv12m === null ? "—" : krw(m.clv12m)} />
              </dl>
            )}
            {fits?.bgnbd && fits.gammaGamma ? (
              <p className="mt-2 text-xs text-slate-500">
                {fill(w.valueBasis, {
                  r: fmt(fits.bgnbd.params.r),
                  alpha: fmt(fits.bgnbd.params.alpha),
                  a: fmt(fits.bgnbd.params.a),
                  b: fmt(fits.bgnbd.params.b),
                  p: fmt(fits.gammaGamma.params.p),
                  q: fmt(fits.gammaGamma.params.q),
                  v: fmt(fits.gammaGamma.params.v),
                })}
              </p>
            ) : null}
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title={`${w.title} · ${customer.name ?? `#${customer.id}`}`}
        subtitle={
          m ? fill(w.computed, { asOf: formatSeoulDate(m.asOf), at: formatSeoulDateTime(m.computedAt) }) : undefined
        }
      />
      <p className="mb-4 text-sm">
        <Link href="/customers" className="text-slate-600 underline">
          ← {w.back}
        </Link>
      </p>
      {customer.mergedIntoId ? (
        <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <Link href={`/customers/${customer.mergedIntoId}`}>
            {fill(p.mergedInto, { id: customer.mergedIntoId.toString() })}
          </Link>
        </p>
      ) : null}
      {customer.erasedAt ? (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm">
          {fill(p.erased, { at: formatSeoulDateTime(customer.erasedAt) })}
        </p>
      ) : null}
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <Card title={w.profile}>
          <dl data-testid="customer-profile">
            <Row label={c.name} value={customer.name ?? "—"} />
            <Row label={c.phone} value={customer.phone ?? "—"} />
            <Row label={p.email} value={customer.email ?? "—"} />
            <Row label={p.address} value={[customer.zip, customer.addressText].filter(Boolean).join(" ") || "—"} />
            <Row label={c.region} value={[customer.sido, customer.sigungu].filter(Boolean).join(" ") || "—"} />
            <Row label={p.birthDate} value={customer.birthDate ? formatSeoulDate(customer.birthDate) : "—"} />
            <Row label={p.gender} value={customer.gender ? (p.genders[customer.gender] ?? customer.gender) : "—"} />
            <Row label={c.divisions} value={divisions.join(", ") || "—"} />
            <Row label={c.status} value={c.statuses[customer.status] ?? customer.status} />
            <Row label={c.joined} value={customer.joinedOn ? formatSeoulDate(customer.joinedOn) : "—"} />
          </dl>
        </Card>
        <MemberRecords ctx={ctx} records={records} />
        <Card title={w.segments}>
          <div data-testid="customer-segments">
            {segments.length === 0 ? (
              <p className="text-sm text-slate-600">{w.segmentsNone}</p>
            ) : (
              <>
                <ul className="flex flex-wrap gap-2">
                  {segments.map((s) => (
                    <li key={s.segmentId}>
                      <Link
                        href={`/segments/${s.segmentId}`}
                        className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
                      >
                        {s.name}
                      </Link>
                    </li>
                  ))}
                </ul>
                <p className="mt-2 text-xs text-slate-500">
                  {fill(w.segmentsAsOf, {
                    at: formatSeoulDate(new Date(Math.min(...segments.map((s) => s.takenAt.getTime())))),
                  })}
                </p>
              </>
            )}
          </div>
        </Card>
      </div>
      {body}
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Receipts ctx={ctx} data={receipts} page={receiptsPage} base={base} />
        <Ledger ctx={ctx} customerId={id} data={ledger} page={ledgerPage} base={base} />
        <TierHistory ctx={ctx} rows={tierHistory} />
        <Consents ctx={ctx} rows={consents} />
        <CampaignConsent customerId={id} />
        <div className="lg:col-span-2">
          <MergeHistory ctx={ctx} merges={merges} />
        </div>
        <ContactTimeline customerId={id} masked={false} />
        <ContactActions customerId={id} returnTo={`/customers/${id}`} />
      </div>
    </div>
  );
}
