import { notFound } from "next/navigation";
import { z } from "zod";
import { batchIdSchema } from "@/modules/data/queries";
import { RejectedRowsPage } from "@/modules/data/rejected-page";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { id } = await params;
  await requireRole("data", `/data/batches/${encodeURIComponent(id)}`);
  const batchId = batchIdSchema.safeParse(id);
  if (!batchId.success) notFound();
  const after = z.coerce
    .number()
    .int()
    .min(0)
    .catch(0)
    .parse((await searchParams).after ?? 0);
  return <RejectedRowsPage batchId={batchId.data} after={after} />;
}
