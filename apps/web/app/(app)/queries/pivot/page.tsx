import { parsePivotForm } from "@/modules/queries/pivot-form";
import { PivotPage } from "@/modules/queries/pivot-page";
import { requireRole } from "@/server/guards";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("queries", "/queries/pivot");
  return <PivotPage parsed={parsePivotForm(await searchParams)} />;
}
