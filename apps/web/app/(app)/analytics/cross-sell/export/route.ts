import { crossSellList, crossSellParamsSchema, itemNames } from "@/modules/analytics/cross-sell-queries";
import { attachmentHeader, csvRow, UTF8_BOM } from "@/modules/data/csv";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

/** The whole list a campaign would take (bounded), as CSV for Excel: UTF-8 with BOM, RFC 4180. */
const MAX_ROWS = 100_000;

export const GET = withRole(
  async (request) => {
    const params = crossSellParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const list = await crossSellList(params, MAX_ROWS);
    const names = await itemNames(
      params.level,
      list.flatMap((r) => [...r.lhs, r.rhs]),
    );
    const name = (item: string) => names.get(item) ?? item;
    const head = ["rule_id", "lhs", "rhs", "lhs_name", "rhs_name", "lift", "confidence", "customer_id", "tier_code"];
    head.push("spend_12m", "last_purchase_on");
    const body = list.map((r) =>
      csvRow([
        r.ruleId,
        r.lhs.join(" + "),
        r.rhs,
        r.lhs.map(name).join(" + "),
        name(r.rhs),
        r.lift,
        r.confidence,
        r.customerId,
        r.tierCode,
        r.spend12m,
        r.lastPurchaseOn,
      ]),
    );
    const file = `cross-sell-${params.level}${params.rule ? `-rule-${params.rule}` : ""}.csv`;
    return new Response(UTF8_BOM + csvRow(head) + body.join(""), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": attachmentHeader(file) },
    });
  },
  { area: "customers" },
);
