import { SchemaPage } from "@/modules/queries/schema-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  await requireRole("queries", "/queries/schema");
  return <SchemaPage />;
}
