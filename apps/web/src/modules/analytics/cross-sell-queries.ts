import { type CrossSellRow, crossSellCandidates, crossSellQuerySchema, withAnalyticsClient } from "@dangol/analytics";
import { getPrisma } from "@dangol/db/client";
import { z } from "zod";
import { env } from "@/env";

/** Query-string parameters of the cross-sell page and its CSV (`level`, `rule`); junk falls back to defaults. */
export const crossSellParamsSchema = z.object({
  level: z.enum(["category", "product"]).catch("category"),
  rule: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .catch(undefined),
});
export type CrossSellParams = z.output<typeof crossSellParamsSchema>;

export type CrossSellRuleSummary = {
  id: string;
  lhs: string[];
  rhs: string;
  lift: number;
  confidence: number;
  support: number;
};

/** The level's strongest rules (what the list is drawn from), strongest first. */
export async function crossSellRules(level: CrossSellParams["level"], limit = 20): Promise<CrossSellRuleSummary[]> {
  const rules = await getPrisma().associationRule.findMany({
    where: { level, NOT: { lhs: { isEmpty: true } } },
    orderBy: [{ lift: "desc" }, { confidence: "desc" }, { id: "asc" }],
    take: limit,
  });
  return rules.map((r) => ({
    id: r.id.toString(),
    lhs: r.lhs,
    rhs: r.rhs,
    lift: r.lift,
    confidence: r.confidence,
    support: r.support,
  }));
}

/** Candidates for one rule or for the strongest rules of the level; `limit` rows at most. */
export async function crossSellList(params: CrossSellParams, limit: number): Promise<CrossSellRow[]> {
  const query = crossSellQuerySchema.parse({ level: params.level, ruleId: params.rule, limit });
  return withAnalyticsClient(env().DATABASE_URL, (client) => crossSellCandidates(client, query));
}

/** Display names of rule items: category names by code, product names by id. */
export async function itemNames(
  level: CrossSellParams["level"],
  items: Iterable<string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(items)];
  if (wanted.length === 0) return new Map();
  if (level === "category") {
    const rows = await getPrisma().category.findMany({
      where: { code: { in: wanted } },
      select: { code: true, nameKo: true },
    });
    return new Map(rows.map((c) => [c.code, c.nameKo]));
  }
  const ids = wanted.map(Number).filter(Number.isSafeInteger);
  const rows = await getPrisma().product.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((p) => [String(p.id), p.name]));
}
