import { z } from "zod";

/**
 * One tier: a customer qualifies when both the net spend and the visits (distinct purchase days)
 * over the qualification window reach the minimums. Amounts are whole ₩.
 */
export const tierSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,15}$/, "must be 1–16 upper-case letters, digits or _, starting with a letter"),
  name: z.string().min(1).max(40),
  nameEn: z.string().max(40).optional(),
  minSpend: z.number().int("must be whole won").min(0, "must not be negative"),
  minVisits: z.number().int("must be a whole number").min(0, "must not be negative"),
});
export type Tier = z.output<typeof tierSchema>;

/**
 * The rule set a CRM manager edits. `tiers` runs from the best tier to the fallback; the last one
 * must ask for nothing so every customer lands somewhere, and spend thresholds must fall strictly
 * down the list so "the next tier up" is always well defined.
 */
export const tierRulesSchema = z
  .object({
    /** Months of history the evaluation looks at (trailing, ending the day before the evaluation). */
    windowMonths: z.number().int().min(1).max(36).default(12),
    /** Day of the month an evaluation takes effect. */
    evaluationDay: z.number().int().min(1).max(28).default(1),
    /** Months (1–12) with an evaluation; every month by default. */
    evaluationMonths: z.array(z.number().int().min(1).max(12)).min(1).default([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    /** An upgrade candidate is within this share of the next tier's spend threshold (0.2 = 20 %). */
    upgradeWithinShare: z.number().gt(0).lt(1).default(0.2),
    /** Days of recent history whose pace projects spend and visits to the next evaluation. */
    paceDays: z.number().int().min(7).max(365).default(90),
    tiers: z.array(tierSchema).min(1),
  })
  .superRefine((rules, ctx) => {
    const codes = new Set<string>();
    rules.tiers.forEach((tier, i) => {
      if (codes.has(tier.code)) ctx.addIssue({ code: "custom", path: ["tiers", i, "code"], message: "is repeated" });
      codes.add(tier.code);
      const below = rules.tiers[i + 1];
      if (below && below.minSpend >= tier.minSpend) {
        ctx.addIssue({
          code: "custom",
          path: ["tiers", i + 1, "minSpend"],
          message: "must be below the spend threshold of the tier above",
        });
      }
    });
    const last = rules.tiers.at(-1)!;
    if (last.minSpend !== 0 || last.minVisits !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["tiers", rules.tiers.length - 1],
        message: "the last tier is the fallback and must ask for ₩0 and 0 visits",
      });
    }
  });
export type TierRules = z.output<typeof tierRulesSchema>;
export type TierRulesInput = z.input<typeof tierRulesSchema>;

/**
 * Defaults for a Korean department-store group (trailing 12 months, all three formats). The visit
 * minimums keep a single big purchase (a fur coat, a fridge) from buying a top tier. The demo
 * seed stores its own, smaller thresholds (its 200 customers spend less).
 */
export const DEFAULT_TIER_RULES: TierRules = tierRulesSchema.parse({
  tiers: [
    { code: "VVIP", name: "VVIP", nameEn: "VVIP", minSpend: 30_000_000, minVisits: 24 },
    { code: "VIP", name: "VIP", nameEn: "VIP", minSpend: 10_000_000, minVisits: 12 },
    { code: "GOLD", name: "골드", nameEn: "Gold", minSpend: 4_000_000, minVisits: 6 },
    { code: "SILVER", name: "실버", nameEn: "Silver", minSpend: 1_000_000, minVisits: 2 },
    { code: "FAMILY", name: "패밀리", nameEn: "Family", minSpend: 0, minVisits: 0 },
  ],
});

/** Rank of a tier code: 0 = best. -1 for a code the rules do not know. */
export function tierRank(code: string, rules: TierRules): number {
  return rules.tiers.findIndex((tier) => tier.code === code);
}

/** The best tier whose spend and visit minimums are both met. */
export function evaluateTier(spend: number, visits: number, rules: TierRules): Tier {
  return rules.tiers.find((tier) => spend >= tier.minSpend && visits >= tier.minVisits) ?? rules.tiers.at(-1)!;
}
