import { CustomersPage } from "@/modules/customers/customers-page";
import { parseCustomerFilters } from "@/modules/customers/filters";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("customers");
  return <CustomersPage parsed={parseCustomerFilters(await searchParams)} />;
}
