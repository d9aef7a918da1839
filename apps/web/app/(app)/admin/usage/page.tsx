import { usagePeriodOf } from "@/modules/usage/period";
import { UsagePage } from "@/modules/usage/usage-page";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("users", "/admin/usage");
  return <UsagePage days={usagePeriodOf(await searchParams)} />;
}
