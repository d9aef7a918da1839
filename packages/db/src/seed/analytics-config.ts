import { ANALYTICS_CONFIG_KINDS, defaultAnalyticsConfig } from "@dangol/domain/analytics";
import { type TierRules, tierRulesSchema } from "@dangol/domain/tiers";
import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * The demo's 200 customers spend at most about ₩10M a year, so the group's real thresholds
 * (VVIP ₩30M) would leave the top tiers empty; these scale them down so every tier shows up.
 */
export const DEMO_TIER_RULES: TierRules = tierRulesSchema.parse({
  tiers: [
    { code: "VVIP", name: "VVIP", nameEn: "VVIP", minSpend: 8_000_000, minVisits: 15 },
    { code: "VIP", name: "VIP", nameEn: "VIP", minSpend: 5_000_000, minVisits: 10 },
    { code: "GOLD", name: "골드", nameEn: "Gold", minSpend: 2_000_000, minVisits: 6 },
    { code: "SILVER", name: "실버", nameEn: "Silver", minSpend: 500_000, minVisits: 3 },
    { code: "FAMILY", name: "패밀리", nameEn: "Family", minSpend: 0, minVisits: 0 },
  ],
});

/**
 * Version 1 of every analytics setting (tier rules, lifecycle thresholds, RFM window, CLV
 * assumptions …): the domain defaults, with the demo's tier rules. A kind that already has a
 * version is left alone, so a CRM manager's edits survive a re-seed.
 */
export async function seedAnalyticsConfig(prisma: PrismaClient, log: (line: string) => void = () => {}): Promise<void> {
  const values = { ...defaultAnalyticsConfig(), tiers: DEMO_TIER_RULES };
  const result = await prisma.analyticsConfig.createMany({
    data: ANALYTICS_CONFIG_KINDS.map((kind) => ({
      kind,
      version: 1,
      value: values[kind],
      createdBy: "seed",
      note: kind === "tiers" ? "demo thresholds" : "defaults",
    })),
    skipDuplicates: true,
  });
  log(`analytics config: ${result.count} default kind(s) written`);
}
