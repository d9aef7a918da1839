import { formatCount, formatKRW, formatSeoulDateTime } from "@dangol/domain";
import Link from "next/link";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { Card, StatTable } from "@/modules/shell/stat-table";
import { TierRulesForm } from "./components/tier-rules-form.tsx";
import { loadConfig, tierVersions } from "./queries.ts";

/** Callers guard with requireRole("dashboards"); `canEdit` ("customers" area) shows the editor. */
export async function TiersPage({ canEdit }: { canEdit: boolean }) {
  const { locale, t } = await getDictionary();
  const r = t.tiers;
  const [config, versions] = await Promise.all([loadConfig(), tierVersions()]);
  const rules = config.tiers;
  const current = versions[0]?.version ?? 0;

  return (
    <div>
      <PageHeader title={r.title} subtitle={r.subtitle} />
      <p className="mb-4 text-sm">
        <Link href="/analytics" className="text-slate-600 underline">
          ← {t.analytics.title}
        </Link>
      </p>
      <div className="grid gap-4">
        <Card
          title={fill(r.current, { version: current })}
          note={`${r.window}: ${rules.windowMonths} · ${r.evaluationDay}: ${rules.evaluationDay} · ${r.evaluationMonths}: ${rules.evaluationMonths.join(", ")}`}
        >
          <div data-testid="current-tiers">
            <StatTable
              head={[t.analytics.tier, r.minSpend, r.minVisits]}
              rows={rules.tiers.map((tier) => [
                `${locale === "en" ? (tier.nameEn ?? tier.name) : tier.name} (${tier.code})`,
                formatKRW(tier.minSpend, locale),
                fill(r.visits, { count: formatCount(tier.minVisits, locale) }),
              ])}
            />
          </div>
        </Card>
        <Card title={r.save}>
          {canEdit ? <TierRulesForm t={r} rules={rules} /> : <p className="text-sm text-slate-600">{r.readOnly}</p>}
        </Card>
        <Card title={r.history}>
          <div data-testid="tier-versions">
            <StatTable
              head={[r.version, r.by, r.at, r.note]}
              rows={versions.map((v) => [
                `v${v.version}`,
                v.createdBy,
                formatSeoulDateTime(v.createdAt),
                v.note ?? "—",
              ])}
            />
          </div>
        </Card>
      </div>
    </div>
  );
}
