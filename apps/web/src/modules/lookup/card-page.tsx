import { formatCount, formatKRW, formatSeoulDate, formatSeoulDateTime, maskName, maskPhone } from "@dangol/domain";
import { buildCues, LOOKUP_LIMITS } from "@dangol/domain/lookup";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { Session } from "next-auth";
import type { ReactNode } from "react";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { ContactActions } from "@/modules/contacts/contact-actions";
import { ContactTimeline } from "@/modules/contacts/timeline";
import { loadLookupCard } from "./card-queries.ts";
import { cueText } from "./cue-text.ts";
import { openCard } from "./gate.ts";
import { LockedNotice } from "./locked-notice.tsx";
import { tierName } from "./lookup-page.tsx";
import { RevealField } from "./reveal-field.tsx";

const DAY_MS = 86_400_000;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 className="mb-2 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** A bar drawn by CSS alone: the lookup carries no chart library. */
function Bar({ share, label }: { share: number; label: string }) {
  return (
    <div className="h-2 w-full rounded bg-slate-100" role="img" aria-label={label}>
      <div
        className="h-2 rounded bg-slate-700"
        style={{ width: `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%` }}
      />
    </div>
  );
}

/**
 * The store card of one customer: cues first, then the figures a cashier can use, masked by
 * default. Callers guard with requireRole("lookup"); this opens the card only for a customer the
 * user looked up (or counts the open as a lookup) — see gate.ts.
 */
export async function LookupCardPage({ id, session, error }: { id: bigint; session: Session; error?: string }) {
  const { locale, t } = await getDictionary();
  const l = t.lookup;
  const access = await openCard(session.user, id);
  const back = (
    <div className="mb-3 flex justify-between gap-3 text-sm">
      <Link href="/lookup" className="py-2 text-slate-700 underline">
        {l.back}
      </Link>
      <Link href="/lookup/guide" className="py-2 text-slate-700 underline">
        {l.guideLink}
      </Link>
    </div>
  );
  if (access.kind === "locked") {
    return (
      <div className="max-w-xl">
        {back}
        <LockedNotice until={access.until} text={l.locked} />
      </div>
    );
  }
  const card = await loadLookupCard(id);
  if (!card) notFound();
  const { customer, metrics: m, tiers, points } = card;
  const krw = (n: number | bigint) => formatKRW(n, locale);
  const tierByCode = new Map(tiers.map((tier) => [tier.code, tier]));
  const nameOfTier = (code: string) => {
    const tier = tierByCode.get(code);
    return tier ? tierName(tier, locale) : code;
  };
  const shownTierCode = card.heldTierCode ?? m?.tierCode ?? null;
  const shownTier = shownTierCode ? tierByCode.get(shownTierCode) : undefined;
  // tiers come best-last by rank; the next one up is the lowest rank above the shown tier's
  const nextTier = shownTier ? tiers.find((tier) => tier.rank > shownTier.rank) : undefined;
  const spend = Number(m?.spend12m ?? 0);
  const visits = m?.visits12m ?? 0;
  const cues = m
    ? buildCues({
        lifecycleStage: m.lifecycleStage,
        medianIntervalDays: m.medianIntervalDays,
        daysSinceLastPurchase: Math.round((m.asOf.getTime() - m.lastPurchaseOn.getTime()) / DAY_MS),
        topCategory: card.categories[0]
          ? locale === "en"
            ? (card.categories[0].nameEn ?? card.categories[0].name)
            : card.categories[0].name
          : null,
        dueNow: m.dueNow,
        dueCategory: card.dueCategory
          ? locale === "en"
            ? (card.dueCategory.nameEn ?? card.dueCategory.name)
            : card.dueCategory.name
          : null,
        upgrade: m.upgradeTierCode
          ? { tier: m.upgradeTierCode, spendGap: Number(m.upgradeSpendGap ?? 0), visitsGap: m.upgradeVisitsGap ?? 0 }
          : null,
        downgradeRisk: m.downgradeRisk,
        heldTier: shownTierCode ?? m.tierCode,
        expiringPoints: points.expiring,
        inviteFormats: m.inviteFormats,
      })
    : [];
  const revealed = new Set(access.revealed);
  const maxYearSpend = Math.max(1, ...card.years.map((y) => y.spend));
  const year = formatSeoulDate(new Date()).slice(0, 4);
  const categoryName = (c: { name: string; nameEn: string | null }) =>
    locale === "en" ? (c.nameEn ?? c.name) : c.name;

  return (
    <div className="flex max-w-xl flex-col gap-3" data-testid="customer-card">
      {back}
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{maskName(customer.name ?? "")}</h1>
        <span className="rounded bg-amber-100 px-3 py-1 font-semibold text-amber-900" data-testid="card-tier">
          {shownTierCode ? nameOfTier(shownTierCode) : l.noTier}
        </span>
      </div>

      <section
        aria-label={l.cues}
        className="rounded-xl border-2 border-amber-300 bg-amber-50 p-4"
        data-testid="lookup-cues"
      >
        <h2 className="sr-only">{l.cues}</h2>
        {cues.length > 0 ? (
          <ul className="flex flex-col gap-2 text-lg">
            {cues.map((cue) => (
              <li key={cue.kind}>{cueText(cue, l, locale, nameOfTier)}</li>
            ))}
          </ul>
        ) : (
          <p>{m ? l.noCues : l.noMetrics}</p>
        )}
      </section>

      {error ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {l.revealError}
        </p>
      ) : null}

      <Section title={l.tier}>
        {m ? (
          <div data-testid="card-tier-progress">
            {nextTier ? (
              <>
                <p className="mb-2">
                  {fill(l.nextTier, {
                    tier: nameOfTier(nextTier.code),
                    gap: krw(Math.max(0, Number(nextTier.minSpend) - spend)),
                  })}
                  {nextTier.minVisits > visits
                    ? ` · ${fill(l.nextTierVisits, { visits: nextTier.minVisits - visits })}`
                    : ""}
                </p>
                <Bar
                  share={spend / Math.max(1, Number(nextTier.minSpend))}
                  label={`${krw(spend)} / ${krw(nextTier.minSpend)}`}
                />
                <p className="mt-1 text-xs tabular-nums text-slate-600">
                  {krw(spend)} / {krw(nextTier.minSpend)}
                </p>
              </>
            ) : (
              <p>{l.topTier}</p>
            )}
          </div>
        ) : (
          <p className="text-slate-600">{l.noMetrics}</p>
        )}
      </Section>

      <Section title={l.points}>
        <dl className="grid grid-cols-2 gap-2">
          <div>
            <dt className="text-sm text-slate-600">{l.balance}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid="card-points">
              {formatCount(points.balance, locale)}P
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{l.expiring}</dt>
            <dd className={`text-xl font-semibold tabular-nums ${points.expiring > 0 ? "text-red-800" : ""}`}>
              {formatCount(points.expiring, locale)}P
            </dd>
          </div>
        </dl>
      </Section>

      <Section title={fill(l.thisYear, { year })}>
        {card.years.length === 0 ? (
          <p className="text-slate-600">{l.noneThisYear}</p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="card-years">
            {card.years.map((y) => (
              <li key={y.format}>
                <div className="flex justify-between gap-2 text-sm">
                  <span>{t.formats[y.format] ?? y.format}</span>
                  <span className="tabular-nums">
                    {fill(l.visits, { n: formatCount(y.visits, locale) })} · {krw(y.spend)}
                  </span>
                </div>
                <Bar share={y.spend / maxYearSpend} label={krw(y.spend)} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={l.favourites}>
        <p data-testid="card-favourites">{card.categories.map(categoryName).join(" · ") || "—"}</p>
      </Section>

      <Section title={l.lastVisit}>
        <p>{card.lastVisit ? `${card.lastVisit.store} · ${formatSeoulDateTime(card.lastVisit.at)}` : "—"}</p>
      </Section>

      <Section title={l.cycle}>
        {m?.medianIntervalDays ? (
          <p>
            {m.dueNow
              ? l.dueNow
              : fill(l.nextDue, {
                  date: m.nextPurchaseDue ? formatSeoulDate(m.nextPurchaseDue) : "—",
                  days: Math.round(m.medianIntervalDays),
                })}
          </p>
        ) : (
          <p className="text-slate-600">{l.noCycle}</p>
        )}
      </Section>

      <Section title={l.profile}>
        <dl>
          {(
            [
              ["name", maskName(customer.name ?? ""), customer.name ?? ""],
              ["phone", maskPhone(customer.phone ?? ""), customer.phone ?? ""],
              ["email", l.hidden, customer.email ?? ""],
              ["address", l.hidden, [customer.zip, customer.addressText].filter(Boolean).join(" ")],
            ] as const
          ).map(([field, masked, full]) => (
            <RevealField
              key={field}
              customerId={customer.id.toString()}
              field={field}
              masked={masked}
              full={full}
              revealed={revealed.has(field)}
              l={l}
            />
          ))}
        </dl>
        {revealed.size > 0 ? (
          <p className="mt-2 text-xs text-slate-600">{fill(l.revealedFor, { minutes: LOOKUP_LIMITS.revealMinutes })}</p>
        ) : null}
      </Section>
      <ContactTimeline customerId={customer.id} masked />
      <ContactActions customerId={customer.id} returnTo={`/lookup/${customer.id}`} />
    </div>
  );
}
