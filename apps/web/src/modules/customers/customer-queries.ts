import { getPrisma } from "@dangol/db/client";
import { latestModelFits } from "@/modules/analytics/queries";
import { CUSTOMER_SUMMARY } from "./queries.ts";

/** One customer with the metrics the last refresh published, or null when the id is unknown. */
export async function loadCustomerDetail(id: bigint) {
  const db = getPrisma();
  const customer = await db.customer.findUnique({
    where: { id },
    select: CUSTOMER_SUMMARY,
  });
  if (!customer) return null;
  const [metrics, tierVersion, held, fits] = await Promise.all([
    db.customerMetrics.findUnique({ where: { customerId: id } }),
    db.analyticsConfig.findFirst({
      where: { kind: "tiers" },
      orderBy: { version: "desc" },
      select: { version: true, createdAt: true },
    }),
    db.customerTierHistory.findFirst({
      where: { customerId: id, effectiveTo: null },
      orderBy: { effectiveFrom: "desc" },
      select: { tierCode: true, effectiveFrom: true },
    }),
    latestModelFits(),
  ]);
  return {
    customer: { ...customer, divisions: [...new Set(customer.sourceLinks.map((l) => l.sourceCode))].sort() },
    metrics,
    tierVersion,
    held,
    fits,
  };
}
