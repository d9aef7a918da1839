import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { requireRole } from "@/server/guards";

export default async function Page() {
  await requireRole("queries");
  const { t } = await getDictionary();
  return <PageHeader title={t.workbench.browse.title} />;
}
