import { notFound } from "next/navigation";
import { CustomerPage } from "@/modules/customers/customer-page";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRole("customers", `/customers/${encodeURIComponent(id)}`);
  if (!/^\d{1,18}$/.test(id)) notFound();
  return <CustomerPage id={BigInt(id)} />;
}
