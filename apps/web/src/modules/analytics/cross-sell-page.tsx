import { formatCount, formatKRW } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { formatNumber } from "./analytics-page.tsx";
import { type CrossSellParams, crossSellList, crossSellRules, itemNames } from "./cross-sell-queries.ts";

/** Rows on screen; the CSV has the whole list. */
const SHOWN = 200;

/** Callers guard with requireRole("customers"): the list names customers. */
export async function CrossSellPage({ params }: { params: CrossSellParams }) {
  const { locale, t } = await getDictionary();
  const c = t.analytics.crossSell;
  const [rules, list] = await Promise.all([crossSellRules(params.level), crossSellList(params, SHOWN)]);
  const names = await itemNames(
    params.level,
    [...rules, ...list].flatMap((r) => [...r.lhs, r.rhs]),
  );
  const name = (item: string) => names.get(item) ?? item;
  const ruleText = (r: { lhs: string[]; rhs: string }) => `${r.lhs.map(name).join(" + ")} → ${name(r.rhs)}`;
  const query = (p: Partial<CrossSellParams>) => {
    const search = new URLSearchParams({ level: p.level ?? params.level });
    if (p.rule) search.set("rule", p.rule);
    return search.toString();
  };
  const counts = new Map(list.map((r) => [r.ruleId, r.ruleCandidates]));
  const tab = (active: boolean) =>
    `rounded border px-3 py-1.5 text-sm ${active ? "border-slate-800 bg-slate-800 text-white" : "border-slate-300 bg-white"}`;

  return (
    <div>
      <PageHeader title={c.title} subtitle={c.subtitle} />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        {(["category", "product"] as const).map((level) => (
          <Link key={level} href={`/analytics/cross-sell?${query({ level })}`} className={tab(params.level === level)}>
            {c.levels[level]}
          </Link>
        ))}
        <a
          href={`/analytics/cross-sell/export?${query(params)}`}
          className="ml-auto rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
          data-testid="cross-sell-download"
        >
          {c.download}
        </a>
      </div>
      <div className="grid gap-4">
        <Card title={c.rules}>
          {rules.length === 0 ? (
            <p className="text-sm text-slate-500">{c.noRules}</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="cross-sell-rules">
              <li>
                <Link
                  href={`/analytics/cross-sell?${query({})}`}
                  className={params.rule ? "underline" : "font-semibold"}
                >
                  {c.allRules}
                </Link>
              </li>
              {rules.map((r) => (
                <li key={r.id} data-rule-id={r.id}>
                  <Link
                    href={`/analytics/cross-sell?${query({ rule: r.id })}`}
                    className={params.rule === r.id ? "font-semibold" : "underline"}
                  >
                    {ruleText(r)}
                  </Link>{" "}
                  <span className="text-slate-500">
                    · {t.analytics.lift} {formatNumber(r.lift, locale, 2)} · {t.analytics.confidence}{" "}
                    {formatNumber(r.confidence * 100, locale, 1)}%
                    {counts.has(r.id)
                      ? ` · ${fill(c.candidateCount, { count: formatCount(counts.get(r.id)!, locale) })}`
                      : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={c.candidates} note={fill(c.shown, { shown: formatCount(list.length, locale), limit: SHOWN })}>
          {list.length === 0 ? (
            <p className="text-sm text-slate-500">{c.none}</p>
          ) : (
            <div data-testid="cross-sell-list">
              <StatTable
                head={[c.rule, c.customer, c.tier, c.spend, c.lastPurchase]}
                rows={list.map((r) => [
                  ruleText(r),
                  <Link key={r.customerId} href={`/customers/${r.customerId}`} className="underline">
                    #{r.customerId}
                  </Link>,
                  r.tierCode,
                  formatKRW(r.spend12m, locale),
                  r.lastPurchaseOn,
                ])}
              />
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
