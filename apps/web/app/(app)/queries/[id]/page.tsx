import { notFound } from "next/navigation";
import { QueryEditorPage } from "@/modules/queries/editor/editor-page";
import { editorOpening } from "@/modules/queries/editor/opening";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  // The role first, so a store account gets 403 whatever id it guesses, before any 404.
  await requireRole("queries", `/queries/${encodeURIComponent(id)}`);
  if (!/^\d{1,18}$/.test(id)) notFound();
  return <QueryEditorPage id={id} opening={editorOpening(await searchParams)} />;
}
