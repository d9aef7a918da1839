import { z } from "zod";
import { QueryEditorPage } from "@/modules/queries/editor/editor-page";

export const dynamic = "force-dynamic";

/** `?sql=` opens the editor with that text (the pivot's "open in the editor"). */
const sqlParam = z.string().max(100_000).catch("");

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { sql } = await searchParams;
  return <QueryEditorPage id={null} sql={sqlParam.parse(typeof sql === "string" ? sql : "")} />;
}
