import { NextResponse } from "next/server";
import { getDictionary } from "@/i18n/server";
import { parseDashboardFilters } from "@/modules/dashboards/filters";
import { DASHBOARDS, type DashboardName, dashboardTables } from "@/modules/dashboards/tables";
import { attachmentHeader, csvRow, UTF8_BOM } from "@/modules/data/csv";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

/**
 * One dashboard chart's figures as CSV (UTF-8 with BOM for Excel), under the same URL filters as the
 * page, with the headers in the reader's language. Counts only, no customer data: the "dashboards"
 * area (ADMIN, CRM_MANAGER, ANALYST) may download them.
 */
export const GET = withRole<{ params: Promise<{ dashboard: string; chart: string }> }>(
  async (request, { params }) => {
    const { dashboard, chart } = await params;
    if (!(DASHBOARDS as readonly string[]).includes(dashboard)) {
      return NextResponse.json({ error: `unknown dashboard: ${dashboard}` }, { status: 404 });
    }
    const filters = parseDashboardFilters(Object.fromEntries(new URL(request.url).searchParams));
    const { t } = await getDictionary();
    const table = (await dashboardTables(dashboard as DashboardName, filters, t)).find((x) => x.id === chart);
    if (!table) return NextResponse.json({ error: `unknown chart: ${chart}` }, { status: 404 });
    const body =
      UTF8_BOM +
      csvRow(table.columns.map((c) => c.label)) +
      table.rows.map((r) => csvRow(table.columns.map((c) => r.values[c.key]))).join("");
    const suffix = [filters.format, filters.sido, `${filters.months}m`].filter(Boolean).join("-");
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentHeader(`${chart}-${suffix}.csv`),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { area: "dashboards" },
);
