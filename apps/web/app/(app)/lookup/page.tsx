import { LookupPage } from "@/modules/lookup/lookup-page";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<{ phone?: string; name?: string }> }) {
  const session = await requireRole("lookup");
  const { phone, name } = await searchParams;
  return <LookupPage query={{ phone, name }} session={session} />;
}
