import { z } from "zod";
import { ruleThresholdsSchema } from "../baskets/thresholds.ts";
import { campaignSettingsSchema } from "../campaigns/settings.ts";
import { crossFormatConfigSchema } from "../crossformat/formats.ts";
import { cycleConfigSchema } from "../cycles/interval.ts";
import { lifecycleConfigSchema } from "../lifecycle/stage.ts";
import { DEFAULT_TIER_RULES, tierRulesSchema } from "../tiers/rules.ts";

/** RFM is scored over the customers who bought inside the window. */
export const rfmConfigSchema = z.object({
  windowMonths: z.number().int().min(1).max(36).default(12),
});

/**
 * BG/NBD + Gamma-Gamma assumptions. The fit runs in weeks over the lookback; the calibration check
 * refits with the last `holdoutDays` held out and compares predicted with actual repeat purchases.
 */
export const clvConfigSchema = z.object({
  lookbackDays: z.number().int().min(90).max(3650).default(730),
  unitDays: z.union([z.literal(7), z.literal(1)]).default(7),
  months: z.number().int().min(1).max(60).default(12),
  monthlyDiscountRate: z.number().min(0).max(0.2).default(0.01),
  margin: z.number().gt(0).max(1).default(1),
  /** Horizon of "expected purchases" shown per customer. */
  horizonDays: z.number().int().min(7).max(365).default(90),
  holdoutDays: z.number().int().min(14).max(365).default(90),
  /**
   * The fit is a likelihood over (x, t_x, T) groups; beyond this many customers an evenly spaced
   * sample (by customer id) fits the same parameters in a fraction of the time.
   */
  maxFitCustomers: z.number().int().min(1_000).default(200_000),
});

/**
 * Basket rules over the receipts of the last `windowDays`: always at category level; at product
 * level too when `product.enabled` (products are many and each is rare, hence lower support).
 * `crossSellDays` is how far back "never bought the consequent" looks for the cross-sell list.
 */
export const basketConfigSchema = z.object({
  windowDays: z.number().int().min(7).max(730).default(90),
  categoryLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  thresholds: ruleThresholdsSchema.default({ minSupport: 0.01, minConfidence: 0.2, minLift: 1, minLen: 2, maxLen: 3 }),
  product: z
    .object({
      enabled: z.boolean().default(false),
      thresholds: ruleThresholdsSchema.default({
        minSupport: 0.001,
        minConfidence: 0.1,
        minLift: 1.5,
        minLen: 2,
        maxLen: 3,
      }),
    })
    .default({
      enabled: false,
      thresholds: { minSupport: 0.001, minConfidence: 0.1, minLift: 1.5, minLen: 2, maxLen: 3 },
    }),
  crossSellDays: z.number().int().min(30).max(1095).default(365),
});

/** analytics_config.kind → the schema its JSON must satisfy. */
export const ANALYTICS_CONFIG_SCHEMAS = {
  tiers: tierRulesSchema,
  lifecycle: lifecycleConfigSchema,
  cycles: cycleConfigSchema,
  rfm: rfmConfigSchema,
  clv: clvConfigSchema,
  crossformat: crossFormatConfigSchema,
  baskets: basketConfigSchema,
  campaigns: campaignSettingsSchema,
} as const;
export type AnalyticsConfigKind = keyof typeof ANALYTICS_CONFIG_SCHEMAS;
export const ANALYTICS_CONFIG_KINDS = Object.keys(ANALYTICS_CONFIG_SCHEMAS) as AnalyticsConfigKind[];
export type AnalyticsConfig = { [K in AnalyticsConfigKind]: z.output<(typeof ANALYTICS_CONFIG_SCHEMAS)[K]> };

/** Defaults for every kind: what a fresh install runs with and what the seed stores. */
export function defaultAnalyticsConfig(): AnalyticsConfig {
  return {
    tiers: DEFAULT_TIER_RULES,
    lifecycle: lifecycleConfigSchema.parse({}),
    cycles: cycleConfigSchema.parse({}),
    rfm: rfmConfigSchema.parse({}),
    clv: clvConfigSchema.parse({}),
    crossformat: crossFormatConfigSchema.parse({}),
    baskets: basketConfigSchema.parse({}),
    campaigns: campaignSettingsSchema.parse({}),
  };
}

/** Parses one stored kind; a kind absent from storage falls back to its default. */
export function parseAnalyticsConfig(stored: Partial<Record<string, unknown>>): AnalyticsConfig {
  const defaults = defaultAnalyticsConfig();
  const result = { ...defaults } as Record<AnalyticsConfigKind, unknown>;
  for (const kind of ANALYTICS_CONFIG_KINDS) {
    if (stored[kind] !== undefined) result[kind] = ANALYTICS_CONFIG_SCHEMAS[kind].parse(stored[kind]);
  }
  return result as AnalyticsConfig;
}
