import { CrossSellPage } from "@/modules/analytics/cross-sell-page";
import { crossSellParamsSchema } from "@/modules/analytics/cross-sell-queries";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("customers", "/analytics/cross-sell");
  return <CrossSellPage params={crossSellParamsSchema.parse(await searchParams)} />;
}
