import { ROLES } from "@dangol/domain";
import { attachmentHeader, csvRow, UTF8_BOM } from "@/modules/data/csv";
import { usagePeriodOf } from "./period.ts";
import { screenUsage } from "./queries.ts";

/** The usage table as CSV for Excel (UTF-8 with BOM), same rows and order as the page. */
export async function usageCsvResponse(request: Request): Promise<Response> {
  const days = usagePeriodOf(Object.fromEntries(new URL(request.url).searchParams));
  const screens = await screenUsage(days);
  const head = ["screen", "area", "views", "users", ...ROLES.map((role) => `views_${role.toLowerCase()}`)];
  head.push("median_time_on_page_s", "last_visited_at", "unused");
  const body = screens.map((s) =>
    csvRow([
      s.pattern,
      s.area,
      s.views,
      s.users,
      ...ROLES.map((role) => s.byRole[role] ?? ""),
      s.medianMs === null ? "" : Math.round(s.medianMs / 100) / 10,
      s.lastVisitedAt?.toISOString() ?? "",
      s.views === 0 ? "yes" : "no",
    ]),
  );
  return new Response(UTF8_BOM + csvRow(head) + body.join(""), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentHeader(`screen-usage-${days}d.csv`),
      "cache-control": "no-store",
    },
  });
}
