import { formatSeoulDate } from "@dangol/domain";
import type { Session } from "next-auth";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { type LookupQuery, lookupCustomers } from "./queries.ts";

/** A GET form: works without JavaScript and leaves nothing to replay. Callers guard with requireRole("lookup"). */
export async function LookupPage({ query, session }: { query: LookupQuery; session: Session }) {
  const { t } = await getDictionary();
  const l = t.lookup;
  const { user } = session;
  const outcome = await lookupCustomers(query, {
    id: user.id,
    email: user.email,
    role: user.role,
    storeId: user.storeId,
  });
  const input = "rounded-md border border-slate-300 px-3 py-2 text-base";

  return (
    <div className="max-w-xl">
      <PageHeader title={l.title} subtitle={l.subtitle} />
      <form
        method="get"
        action="/lookup"
        className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          {l.phone}
          <input
            name="phone"
            inputMode="tel"
            autoComplete="off"
            defaultValue={query.phone ?? ""}
            placeholder={l.phonePlaceholder}
            className={input}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {l.name}
          <input name="name" autoComplete="off" defaultValue={query.name ?? ""} className={input} />
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700">
          {l.search}
        </button>
      </form>

      {outcome.kind === "needName" || outcome.kind === "badPhone" ? (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {outcome.kind === "needName" ? l.needName : l.badPhone}
        </p>
      ) : null}

      {outcome.kind === "results" ? (
        <section className="mt-4" aria-label={l.results}>
          <h2 className="mb-2 font-semibold">{l.results}</h2>
          {outcome.matches.length === 0 ? (
            <p className="text-sm text-slate-600">{l.none}</p>
          ) : (
            <ul className="flex flex-col gap-2" data-testid="lookup-results">
              {outcome.matches.map((m) => (
                <li key={m.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
                  <p className="text-lg font-semibold">{m.maskedName}</p>
                  <p className="tabular-nums text-slate-700">{m.maskedPhone}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {l.memberSince} {m.joinedOn ? formatSeoulDate(m.joinedOn) : "—"} · {l.divisions}{" "}
                    {m.divisions.join(", ") || "—"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
