import Link from "next/link";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";

/** The built-in guide: how to find a customer, what the card and each cue mean, what to say. */
export async function LookupGuidePage() {
  const { t } = await getDictionary();
  const g = t.lookup.guide;
  const parts = [
    [g.findTitle, g.find],
    [g.cardTitle, g.card],
    [g.cuesTitle, g.cues],
    [g.privacyTitle, g.privacy],
  ] as const;
  return (
    <div className="max-w-xl" data-testid="lookup-guide">
      <p className="mb-3 text-sm">
        <Link href="/lookup" className="py-2 text-slate-700 underline">
          {t.lookup.back}
        </Link>
      </p>
      <PageHeader title={g.title} subtitle={g.subtitle} />
      <div className="flex flex-col gap-3">
        {parts.map(([title, lines]) => (
          <section key={title} className="rounded-xl border border-slate-200 bg-white p-4">
            <h2 className="mb-2 font-semibold">{title}</h2>
            <ul className="list-disc space-y-1 pl-5">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
