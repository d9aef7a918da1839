import { DIVISIONS, formatCount, formatSeoulDate } from "@dangol/domain";
import { LIFECYCLE_STAGES } from "@dangol/domain/lifecycle";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { customersHref, type ParsedFilters } from "./filters.ts";
import { countCustomers, filterChoices, listCustomers } from "./queries.ts";

/** Filters with no control of their own (set by a dashboard link): kept through the form as hidden fields. */
const LINKED_FILTERS = [
  "status",
  "active",
  "combo",
  "r",
  "f",
  "rfm",
  "rfmFrom",
  "tierFrom",
  "tierTo",
  "watch",
  "bought",
  "buyer",
  "gained",
  "gainedFrom",
  "since",
  "segment",
  "notSegment",
] as const;

const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * Only ADMIN and CRM_MANAGER reach this area (callers guard with requireRole("customers")),
 * and both may see full phone numbers; store screens use the masked lookup instead. The filters
 * are a GET form: the URL is the filter, shareable and usable without JavaScript.
 */
export async function CustomersPage({ parsed }: { parsed: ParsedFilters }) {
  const { locale, t } = await getDictionary();
  const c = t.customers;
  const { filters } = parsed;
  const [choices, list, total] = await Promise.all([
    filterChoices(),
    parsed.ok ? listCustomers(filters, parsed.key) : Promise.resolve({ rows: [], nextAfter: null }),
    parsed.ok ? countCustomers(filters, parsed.key) : Promise.resolve(0),
  ]);
  const linked = LINKED_FILTERS.flatMap((k) => (filters[k] ? [[k, filters[k]] as const] : []));
  const { rows, nextAfter } = list;
  const filtered = Object.entries(filters).some(([k, v]) => k !== "after" && v);
  const select = (name: string, label: string, value: string | undefined, options: [string, string][]) => (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        <option value="">{c.any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div>
      <PageHeader title={c.title} subtitle={c.subtitle} />
      <form
        method="get"
        action="/customers"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3"
        data-testid="customer-filters"
      >
        {select(
          "tier",
          c.tier,
          filters.tier,
          choices.tiers.map((x) => [x.code, locale === "en" ? (x.nameEn ?? x.name) : x.name]),
        )}
        {select(
          "stage",
          c.stage,
          filters.stage,
          LIFECYCLE_STAGES.map((s) => [s, t.analytics.stageNames[s] ?? s]),
        )}
        {select(
          "format",
          c.format,
          filters.format,
          DIVISIONS.map((d) => [d, d]),
        )}
        {select(
          "sido",
          c.sido,
          filters.sido,
          choices.sidos.map((s) => [s, s]),
        )}
        <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
          {c.key}
          <input name="key" defaultValue={filters.key ?? ""} autoComplete="off" className={control} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {c.nameForLast4}
          <input name="name" defaultValue={filters.name ?? ""} autoComplete="off" className={control} />
        </label>
        {linked.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {linked.length > 0 ? (
          <p className="w-full text-xs text-slate-600" data-testid="linked-filters">
            {c.linkedFilters}: {linked.map(([k, v]) => `${k}=${v}`).join(", ")}
          </p>
        ) : null}
        <button type="submit" className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white">
          {c.apply}
        </button>
        {filtered ? (
          <Link href="/customers" className="py-2 text-sm text-slate-600 underline">
            {c.reset}
          </Link>
        ) : null}
      </form>
      {parsed.ok ? (
        <p className="mb-2 text-sm text-slate-700" data-testid="customers-count" data-count={total}>
          {fill(c.matching, { count: formatCount(total, locale) })}
        </p>
      ) : null}
      {!parsed.ok ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t.lookup[parsed.reason]}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {filtered ? c.noMatch : c.empty}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">{c.name}</th>
                <th className="px-3 py-2 font-medium">{c.phone}</th>
                <th className="px-3 py-2 font-medium">{c.tier}</th>
                <th className="px-3 py-2 font-medium">{c.stage}</th>
                <th className="px-3 py-2 font-medium">{c.region}</th>
                <th className="px-3 py-2 font-medium">{c.divisions}</th>
                <th className="px-3 py-2 font-medium">{c.status}</th>
                <th className="px-3 py-2 font-medium">{c.joined}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-customer-id={r.id} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-3 py-2">
                    <Link href={`/customers/${r.id}`} className="text-slate-900 underline decoration-slate-300">
                      {r.name ?? `#${r.id}`}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{r.phone ?? "—"}</td>
                  <td className="whitespace-nowrap px-3 py-2">{r.tierCode ?? "—"}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {r.stage ? (t.analytics.stageNames[r.stage] ?? r.stage) : "—"}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {[r.sido, r.sigungu].filter(Boolean).join(" ") || "—"}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{r.divisions.join(", ") || "—"}</td>
                  <td className="whitespace-nowrap px-3 py-2">{c.statuses[r.status] ?? r.status}</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                    {r.joinedOn ? formatSeoulDate(r.joinedOn) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="mt-4 flex items-center justify-between gap-2 text-sm">
        {filters.after ? (
          <Link
            href={customersHref({ ...filters, after: undefined })}
            className="rounded border border-slate-300 bg-white px-3 py-1"
          >
            {c.first}
          </Link>
        ) : (
          <span />
        )}
        <span className="text-slate-600">{fill(c.shown, { count: formatCount(rows.length, locale) })}</span>
        {nextAfter ? (
          <Link href={customersHref(filters, nextAfter)} className="rounded border border-slate-300 bg-white px-3 py-1">
            {c.next}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
