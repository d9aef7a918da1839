import { notFound } from "next/navigation";
import { CustomerPage } from "@/modules/customers/customer-page";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

const pageNumber = (raw: string | string[] | undefined) => {
  const n = typeof raw === "string" && /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return n > 0 ? n : 1;
};

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { id } = await params;
  const session = await requireRole("customers", `/customers/${encodeURIComponent(id)}`);
  if (!/^\d{1,18}$/.test(id)) notFound();
  const query = await searchParams;
  return (
    <CustomerPage
      id={BigInt(id)}
      receiptsPage={pageNumber(query.rp)}
      ledgerPage={pageNumber(query.pp)}
      session={session}
    />
  );
}
