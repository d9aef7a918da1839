import { formatCount, formatSeoulDate } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { CUSTOMERS_PAGE_SIZE, listCustomers } from "./queries.ts";

/**
 * Only ADMIN and CRM_MANAGER reach this area (callers guard with requireRole("customers")),
 * and both may see full phone numbers; store screens use the masked lookup instead.
 */
export async function CustomersPage({ page }: { page: number }) {
  const { locale, t } = await getDictionary();
  const c = t.customers;
  const { rows, total } = await listCustomers(page);
  const pages = Math.max(1, Math.ceil(total / CUSTOMERS_PAGE_SIZE));

  return (
    <div>
      <PageHeader title={c.title} subtitle={c.subtitle} />
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{c.empty}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">{c.name}</th>
                <th className="px-3 py-2 font-medium">{c.phone}</th>
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
        {page > 1 ? (
          <Link href={`/customers?page=${page - 1}`} className="rounded border border-slate-300 bg-white px-3 py-1">
            {c.previous}
          </Link>
        ) : (
          <span />
        )}
        <span className="text-slate-600">
          {fill(c.page, {
            page: formatCount(page, locale),
            pages: formatCount(pages, locale),
            total: formatCount(total, locale),
          })}
        </span>
        {page < pages ? (
          <Link href={`/customers?page=${page + 1}`} className="rounded border border-slate-300 bg-white px-3 py-1">
            {c.next}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
