import { evaluateTier, type Tier, type TierRules, tierRank } from "./rules.ts";

export type UpgradeCandidate = {
  currentCode: string;
  nextCode: string;
  /** ₩ still needed to reach the next tier's spend threshold (0 when only visits are missing). */
  spendGap: number;
  /** Visits still needed for the next tier. */
  visitsGap: number;
};

/**
 * A customer is an upgrade candidate when the tier right above the evaluated one is within
 * reach: spend is at least (1 − upgradeWithinShare) × its threshold. A customer already past the
 * spend threshold but short of visits is a candidate too (only visits are missing). The top
 * tier has nobody above it.
 */
export function upgradeCandidate(spend: number, visits: number, rules: TierRules): UpgradeCandidate | undefined {
  const current = evaluateTier(spend, visits, rules);
  const rank = tierRank(current.code, rules);
  const next = rules.tiers[rank - 1];
  if (!next) return undefined;
  if (spend < next.minSpend * (1 - rules.upgradeWithinShare)) return undefined;
  return {
    currentCode: current.code,
    nextCode: next.code,
    spendGap: Math.max(0, next.minSpend - spend),
    visitsGap: Math.max(0, next.minVisits - visits),
  };
}

/** What the projection needs, all counted on Seoul business days. */
export type PaceInput = {
  /** Net spend and visits already inside the NEXT evaluation's window (they will still count then). */
  retainedSpend: number;
  retainedVisits: number;
  /** Net spend and visits over the last `paceDays` days (the current pace). */
  recentSpend: number;
  recentVisits: number;
  /** Days from today (excluded) to the day before the next evaluation (included). */
  daysToEvaluation: number;
};

export type DowngradeRisk = { atRisk: boolean; projectedSpend: number; projectedVisits: number; projectedCode: string };

/**
 * Downgrade risk: at the next evaluation the window will hold what the customer has already
 * bought inside it (`retained*`, i.e. on or after the next window's first day) plus what they buy
 * until then. We assume they keep buying at their pace of the last `paceDays` days:
 *
 *   projected = retained + recent × daysToEvaluation / paceDays   (spend and visits alike)
 *
 * and the customer is at risk when the tier those projections earn ranks below the tier they
 * hold now. Pace, not the 12-month average, because a customer slowing down is the one to call.
 */
export function downgradeRisk(heldCode: string, input: PaceInput, rules: TierRules): DowngradeRisk {
  const scale = Math.max(0, input.daysToEvaluation) / rules.paceDays;
  const projectedSpend = Math.round(input.retainedSpend + input.recentSpend * scale);
  const projectedVisits = Math.floor(input.retainedVisits + input.recentVisits * scale);
  const projected: Tier = evaluateTier(projectedSpend, projectedVisits, rules);
  const held = tierRank(heldCode, rules);
  return {
    atRisk: held >= 0 && tierRank(projected.code, rules) > held,
    projectedSpend,
    projectedVisits,
    projectedCode: projected.code,
  };
}

/** from → to → customers. `null` stands for "no tier" (not evaluated then), keyed as "-". */
export type MigrationMatrix = { codes: string[]; counts: Record<string, Record<string, number>> };

export const NO_TIER = "-";

/**
 * Counts customers by (tier at the first evaluation, tier at the second). Rows and columns list
 * the rules' tiers best first, then "-" for customers present at only one of the two.
 */
export function migrationMatrix(
  moves: Iterable<{ from: string | null; to: string | null }>,
  rules: TierRules,
): MigrationMatrix {
  const codes = [...rules.tiers.map((tier) => tier.code), NO_TIER];
  const counts: Record<string, Record<string, number>> = {};
  for (const from of codes) counts[from] = Object.fromEntries(codes.map((to) => [to, 0]));
  for (const { from, to } of moves) {
    const row = counts[from ?? NO_TIER] ?? {};
    counts[from ?? NO_TIER] = row;
    const key = to ?? NO_TIER;
    row[key] = (row[key] ?? 0) + 1;
  }
  return { codes, counts };
}
