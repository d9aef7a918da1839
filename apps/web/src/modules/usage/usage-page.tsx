import { formatCount, formatSeoulDateTime, ROLES } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { USAGE_PERIODS, type UsagePeriod } from "./period.ts";
import { screenUsage } from "./queries.ts";

/**
 * Which screens are used, by which roles and how much, least used first, for the period in the URL
 * (?days=7|30|90, shareable, no JavaScript needed). Callers guard with requireRole("users").
 */
export async function UsagePage({ days }: { days: UsagePeriod }) {
  const { locale, t } = await getDictionary();
  const u = t.usage;
  const screens = await screenUsage(days);
  const unused = screens.filter((screen) => screen.views === 0).length;
  const cell = "px-3 py-2 text-right tabular-nums";

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={u.title} subtitle={u.subtitle} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={u.period} className="flex gap-1 text-sm" data-testid="usage-periods">
          {USAGE_PERIODS.map((period) =>
            period === days ? (
              <span
                key={period}
                aria-current="page"
                className="rounded-md bg-slate-900 px-3 py-2 font-medium text-white"
              >
                {fill(u.periodDays, { days: period })}
              </span>
            ) : (
              <Link
                key={period}
                href={`/admin/usage?days=${period}`}
                className="rounded-md px-3 py-2 text-slate-700 hover:bg-slate-200"
              >
                {fill(u.periodDays, { days: period })}
              </Link>
            ),
          )}
        </nav>
        {/* A plain link: the route answers with an attachment, so the page stays where it is. */}
        <a
          href={`/admin/usage/export?days=${days}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100"
        >
          {u.download}
        </a>
      </div>
      <p className="text-sm text-slate-700" data-testid="usage-unused-count">
        {fill(u.unusedCount, { count: unused })}
      </p>
      <section className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="usage-table">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">{u.screen}</th>
              <th className="px-3 py-2 text-right font-medium">{u.views}</th>
              <th className="px-3 py-2 text-right font-medium">{u.users}</th>
              {ROLES.map((role) => (
                <th key={role} className="px-3 py-2 text-right font-medium">
                  {t.roles[role]}
                </th>
              ))}
              <th className="px-3 py-2 text-right font-medium">{u.medianTime}</th>
              <th className="px-3 py-2 font-medium">{u.lastVisited}</th>
            </tr>
          </thead>
          <tbody>
            {screens.map((screen) => (
              <tr
                key={screen.pattern}
                data-pattern={screen.pattern}
                data-views={screen.views}
                className="border-t border-slate-100 align-top"
              >
                <td className="px-3 py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{u.screens[screen.pattern] ?? screen.pattern}</span>
                    {screen.views === 0 ? (
                      <span
                        data-testid="unused-badge"
                        className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800"
                      >
                        {u.unused}
                      </span>
                    ) : null}
                  </div>
                  <code className="text-xs text-slate-500">{screen.pattern}</code>
                </td>
                <td className={cell} data-testid="usage-views">
                  {formatCount(screen.views, locale)}
                </td>
                <td className={cell}>{formatCount(screen.users, locale)}</td>
                {ROLES.map((role) => {
                  const views = screen.byRole[role];
                  return (
                    <td key={role} className={cell} data-role={role}>
                      {views === undefined ? u.notOpenable : formatCount(views, locale)}
                    </td>
                  );
                })}
                <td className={cell}>{screen.medianMs === null ? "" : timeOnPage(screen.medianMs, u)}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  {screen.lastVisitedAt ? formatSeoulDateTime(screen.lastVisitedAt) : u.never}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p className="text-xs text-slate-500">{u.noJsNote}</p>
    </div>
  );
}

/** Time on page as people read it: "42초", "3분 5초". */
function timeOnPage(ms: number, words: { seconds: string; minutes: string }): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return fill(words.seconds, { n: seconds });
  return fill(words.minutes, { m: Math.floor(seconds / 60), s: seconds % 60 });
}
