import type { Locale } from "@dangol/domain";
import { LOOKUP_MAX_RESULTS, type LookupForm, parseLookupInput } from "@dangol/domain/lookup";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { LockedNotice } from "./locked-notice.tsx";
import { lookupCustomers, type TierLabel } from "./queries.ts";

export function tierName(tier: TierLabel, locale: Locale): string {
  return locale === "en" ? (tier.nameEn ?? tier.name) : tier.name;
}

/**
 * A GET form and server-rendered results: it works before (or without) any JavaScript, and a USB
 * scanner's digits + Enter submit it. Callers guard with requireRole("lookup").
 */
export async function LookupPage({ form, session }: { form: LookupForm; session: Session }) {
  const { locale, t } = await getDictionary();
  const l = t.lookup;
  const parsed = parseLookupInput(form);
  const outcome = parsed.kind === "search" ? await lookupCustomers(parsed.key, session.user) : null;
  // One person found (a scanned card, a full phone, a rare name): straight to the card, one round
  // trip fewer on a slow store line. The search was audited and makes the card free to open.
  const only = outcome?.kind === "ok" && !outcome.value.more ? outcome.value.matches : [];
  if (only.length === 1) redirect(`/lookup/${only[0]!.id}`);
  const input = "min-h-12 w-full rounded-md border border-slate-400 px-3 py-2 text-lg";

  return (
    <div className="max-w-xl">
      <div className="flex items-start justify-between gap-3">
        <PageHeader title={l.title} subtitle={l.subtitle} />
        <Link href="/lookup/guide" className="shrink-0 py-2 text-sm text-slate-700 underline">
          {l.guideLink}
        </Link>
      </div>
      <form
        method="get"
        action="/lookup"
        className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          {l.key}
          <input
            name="key"
            inputMode="numeric"
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the counter's scanner types into whatever has focus
            autoFocus
            defaultValue={form.key ?? ""}
            placeholder={l.keyPlaceholder}
            className={input}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {l.name}
          <input name="name" autoComplete="off" defaultValue={form.name ?? ""} className={input} />
        </label>
        <button
          type="submit"
          className="min-h-12 rounded-md bg-slate-900 px-4 py-2 text-lg font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400"
        >
          {l.search}
        </button>
      </form>

      {parsed.kind === "invalid" ? (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {l[parsed.reason]}
        </p>
      ) : null}

      {outcome?.kind === "locked" ? <LockedNotice until={outcome.until} text={l.locked} /> : null}

      {outcome?.kind === "ok" ? (
        <section className="mt-4" aria-label={l.results}>
          <h2 className="mb-2 font-semibold">{l.results}</h2>
          {outcome.value.matches.length === 0 ? (
            <p className="text-slate-600">{l.none}</p>
          ) : (
            <ul className="flex flex-col gap-2" data-testid="lookup-results">
              {outcome.value.matches.map((m) => (
                <li key={m.id}>
                  <Link
                    href={`/lookup/${m.id}`}
                    className="flex min-h-12 items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 hover:border-slate-400 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400"
                  >
                    <span>
                      <span className="block text-lg font-semibold">{m.maskedName}</span>
                      <span className="block tabular-nums text-slate-700">{m.maskedPhone}</span>
                    </span>
                    <span className="rounded bg-slate-100 px-2 py-1 text-sm font-medium">
                      {m.tier ? tierName(m.tier, locale) : l.noTier}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {outcome.value.more ? (
            <p className="mt-2 text-sm text-amber-900">{fill(l.more, { max: LOOKUP_MAX_RESULTS })}</p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
