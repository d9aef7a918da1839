import { DataPage } from "@/modules/data/data-page";
import { batchFilterSchema } from "@/modules/data/queries";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("data");
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const filter = batchFilterSchema.parse({
    division: one(params.division),
    status: one(params.status),
    page: one(params.page),
  });
  return <DataPage filter={filter} />;
}
