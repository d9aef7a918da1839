import { getPrisma } from "@dangol/db/client";
import { AGE_BANDS, CONSENT_CHANNELS, FORMAT_MODES, GENDERS } from "@dangol/domain";
import { SIDO } from "@dangol/domain/cleansing";
import { FORMATS } from "@dangol/domain/crossformat";
import { LIFECYCLE_STAGES } from "@dangol/domain/lifecycle";
import { RFM_SEGMENTS } from "@dangol/domain/rfm";
import type { Dictionary } from "@/i18n/dictionaries";
import type { BuilderChoices } from "./components/rule-editor.tsx";
import type { ChoiceSource } from "./fields.ts";

/** The builder's pickers, labelled in the reader's language: tiers from the tier table, categories from the tree. */
export async function builderChoices(t: Dictionary, locale: string, excludeSegment?: string): Promise<BuilderChoices> {
  const db = getPrisma();
  const en = locale === "en";
  const [tiers, categories, segments] = await Promise.all([
    db.tier.findMany({
      where: { active: true },
      orderBy: { rank: "desc" },
      select: { code: true, name: true, nameEn: true },
    }),
    db.category.findMany({ select: { code: true, level: true, parentCode: true, nameKo: true, nameEn: true } }),
    db.segment.findMany({ where: { deletedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const w = t.segments;
  const labelled = (values: readonly string[], names: Record<string, string>): [string, string][] =>
    values.map((v) => [v, names[v] ?? v]);
  const options: Record<ChoiceSource, [string, string][]> = {
    ageBands: labelled(AGE_BANDS, w.options.ageBands),
    genders: labelled(GENDERS, w.options.genders),
    sidos: SIDO.map((s) => [s, s]),
    tiers: tiers.map((x) => [x.code, `${en ? (x.nameEn ?? x.name) : x.name} (${x.code})`]),
    directions: labelled(["upgraded", "downgraded"], w.options.directions),
    rfmSegments: labelled(RFM_SEGMENTS, t.analytics.segmentNames),
    stages: labelled(LIFECYCLE_STAGES, t.analytics.stageNames),
    formats: labelled(FORMATS, w.options.formats),
    formatModes: labelled(FORMAT_MODES, w.options.formatModes),
    comparisons: labelled(["gte", "lte"], w.options.comparisons),
    channels: labelled(CONSENT_CHANNELS, t.contacts.channels),
  };
  // the tree in depth-first order, so the picker reads 대분류 › 중분류 › 소분류
  const byParent = new Map<string | null, typeof categories>();
  for (const c of categories) byParent.set(c.parentCode, [...(byParent.get(c.parentCode) ?? []), c]);
  const ordered: BuilderChoices["categories"] = [];
  const walk = (parent: string | null) => {
    for (const c of (byParent.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      ordered.push({ code: c.code, label: en ? (c.nameEn ?? c.nameKo) : c.nameKo, level: c.level });
      walk(c.code);
    }
  };
  walk(null);
  return {
    options,
    categories: ordered,
    segments: segments.filter((s) => s.id.toString() !== excludeSegment).map((s) => [s.id.toString(), s.name]),
  };
}
