import { lookupFormSchema } from "@dangol/domain/lookup";
import { LookupPage } from "@/modules/lookup/lookup-page";
import { recordServerPageView, viewerOf } from "@/modules/usage/record";
import { requireRole } from "@/server/guards";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const session = await requireRole("lookup");
  await recordServerPageView(viewerOf(session), "/lookup");
  return <LookupPage form={lookupFormSchema.parse(await searchParams)} session={session} />;
}
