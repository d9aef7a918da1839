import { notFound } from "next/navigation";
import { QueryEditorPage } from "@/modules/queries/editor/editor-page";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The role first, so a store account gets 403 whatever id it guesses, before any 404.
  await requireRole("queries", `/queries/${encodeURIComponent(id)}`);
  if (!/^\d{1,18}$/.test(id)) notFound();
  return <QueryEditorPage id={id} />;
}
