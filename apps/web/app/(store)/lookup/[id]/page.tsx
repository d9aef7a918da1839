import { notFound } from "next/navigation";
import { LookupCardPage } from "@/modules/lookup/card-page";
import { recordServerPageView, viewerOf } from "@/modules/usage/record";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const { id } = await params;
  const session = await requireRole("lookup", `/lookup/${encodeURIComponent(id)}`);
  if (!/^\d{1,18}$/.test(id)) notFound();
  await recordServerPageView(viewerOf(session), "/lookup/[id]");
  const { error } = await searchParams;
  return <LookupCardPage id={BigInt(id)} session={session} error={typeof error === "string" ? error : undefined} />;
}
