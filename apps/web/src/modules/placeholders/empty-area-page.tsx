import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";

type PlaceholderArea = "segments" | "campaigns" | "data";

/** Areas whose screens come in later issues: say plainly what will be here, show no fake data. */
export async function EmptyAreaPage({ area }: { area: PlaceholderArea }) {
  const { t } = await getDictionary();
  const copy = t.placeholders[area];
  return (
    <div>
      <PageHeader title={copy.title} />
      <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
        <p>{copy.body}</p>
      </div>
    </div>
  );
}
