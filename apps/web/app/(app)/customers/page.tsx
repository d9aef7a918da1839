import { CustomersPage } from "@/modules/customers/customers-page";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireRole("customers");
  const page = Number.parseInt((await searchParams).page ?? "1", 10);
  return <CustomersPage page={Number.isFinite(page) && page > 0 ? page : 1} />;
}
