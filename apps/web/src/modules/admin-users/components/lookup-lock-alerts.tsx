import { formatSeoulDateTime } from "@dangol/domain";
import { type Dictionary, fill } from "@/i18n/dictionaries";
import { unlockLookupFormAction } from "../actions.ts";
import type { LookupLockAlert } from "../queries.ts";

const time = (d: Date) => formatSeoulDateTime(d).slice(11, 16);

/** The store-lookup rate-limit alerts, each still-locked account with its unlock button (a plain form). */
export function LookupLockAlerts({
  alerts,
  t,
  now,
}: {
  alerts: LookupLockAlert[];
  t: Dictionary["lookup"]["admin"];
  now: Date;
}) {
  return (
    <section
      className={`rounded-xl border p-4 shadow-sm ${alerts.some((a) => a.lockedUntil && a.lockedUntil > now) ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
      data-testid="lookup-lock-alerts"
    >
      <h2 className="mb-2 font-semibold">{t.title}</h2>
      {alerts.length === 0 ? (
        <p className="text-sm text-slate-600">{t.none}</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm">
          {alerts.map((a) => {
            const locked = a.lockedUntil !== null && a.lockedUntil > now;
            return (
              <li
                key={`${a.userId}-${a.at.toISOString()}`}
                data-email={a.email}
                className="flex flex-wrap items-center justify-between gap-2"
              >
                <span>
                  <span className="font-medium">{a.email}</span> ·{" "}
                  {fill(t.row, {
                    time: formatSeoulDateTime(a.at),
                    lookups: a.lookups,
                    until: a.lockedUntil ? time(a.lockedUntil) : "—",
                  })}
                </span>
                {locked ? (
                  <form action={unlockLookupFormAction}>
                    <input type="hidden" name="userId" value={a.userId} />
                    <button
                      type="submit"
                      className="min-h-9 rounded border border-red-400 bg-white px-3 text-red-900 hover:bg-red-100"
                    >
                      {t.unlock}
                    </button>
                  </form>
                ) : (
                  <span className="text-slate-600">{t.unlocked}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
