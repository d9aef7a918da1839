import { QueryEditorPage } from "@/modules/queries/editor/editor-page";
import { editorOpening } from "@/modules/queries/editor/opening";

export const dynamic = "force-dynamic";

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <QueryEditorPage id={null} opening={editorOpening(await searchParams)} />;
}
