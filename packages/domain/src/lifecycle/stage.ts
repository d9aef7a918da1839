import { z } from "zod";

export const LIFECYCLE_STAGES = ["new", "active", "at_risk", "dormant", "churned", "reactivated"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * Every threshold in one place. Customers with a rhythm (≥ minPurchaseDays distinct purchase days)
 * are judged against multiples of their own median interval; the others against fixed days.
 */
export const lifecycleConfigSchema = z
  .object({
    newWithinDays: z.number().int().min(1).max(365).default(30),
    minPurchaseDays: z.number().int().min(3).default(3),
    atRiskMultiple: z.number().gt(1).default(2),
    dormantMultiple: z.number().gt(1).default(4),
    churnedMultiple: z.number().gt(1).default(8),
    /** A floor under the median so a daily shopper is not "at risk" after three quiet days. */
    minIntervalDays: z.number().int().min(1).default(7),
    /** A cap so a once-a-year shopper still churns eventually. */
    maxChurnedDays: z.number().int().min(30).default(730),
    fixedAtRiskDays: z.number().int().min(1).default(90),
    fixedDormantDays: z.number().int().min(1).default(180),
    fixedChurnedDays: z.number().int().min(1).default(365),
  })
  .refine((c) => c.atRiskMultiple < c.dormantMultiple && c.dormantMultiple < c.churnedMultiple, {
    path: ["dormantMultiple"],
    message: "multiples must grow: at risk < dormant < churned",
  })
  .refine((c) => c.fixedAtRiskDays < c.fixedDormantDays && c.fixedDormantDays < c.fixedChurnedDays, {
    path: ["fixedDormantDays"],
    message: "fixed days must grow: at risk < dormant < churned",
  });
export type LifecycleConfig = z.output<typeof lifecycleConfigSchema>;
export const DEFAULT_LIFECYCLE_CONFIG: LifecycleConfig = lifecycleConfigSchema.parse({});

export type LifecycleInput = {
  daysSinceFirstPurchase: number;
  daysSinceLastPurchase: number;
  /** Distinct purchase days in the lookback. */
  purchaseDays: number;
  medianIntervalDays: number | undefined;
  /** Stage at the previous evaluation (last month's snapshot); undefined when there was none. */
  previousStage: LifecycleStage | undefined;
  /** True when the customer bought after the previous evaluation's date. */
  purchasedSincePrevious: boolean;
};

export type LifecycleThresholds = { atRiskDays: number; dormantDays: number; churnedDays: number; rhythm: boolean };

/** The day counts past which the customer is at risk, dormant, churned. */
export function lifecycleThresholds(
  purchaseDays: number,
  medianIntervalDays: number | undefined,
  config: LifecycleConfig = DEFAULT_LIFECYCLE_CONFIG,
): LifecycleThresholds {
  if (purchaseDays < config.minPurchaseDays || medianIntervalDays === undefined) {
    return {
      atRiskDays: config.fixedAtRiskDays,
      dormantDays: config.fixedDormantDays,
      churnedDays: config.fixedChurnedDays,
      rhythm: false,
    };
  }
  const interval = Math.max(medianIntervalDays, config.minIntervalDays);
  const cap = (days: number) => Math.min(Math.round(days), config.maxChurnedDays);
  return {
    atRiskDays: cap(config.atRiskMultiple * interval),
    dormantDays: cap(config.dormantMultiple * interval),
    churnedDays: cap(config.churnedMultiple * interval),
    rhythm: true,
  };
}

/**
 * churned > dormant > at risk by days since the last purchase (strictly past each threshold);
 * otherwise reactivated when the previous evaluation had them dormant or churned and they have
 * bought since; otherwise new when the first purchase is within newWithinDays; otherwise active.
 */
export function lifecycleStage(
  input: LifecycleInput,
  config: LifecycleConfig = DEFAULT_LIFECYCLE_CONFIG,
): LifecycleStage {
  const t = lifecycleThresholds(input.purchaseDays, input.medianIntervalDays, config);
  const since = input.daysSinceLastPurchase;
  if (since > t.churnedDays) return "churned";
  if (since > t.dormantDays) return "dormant";
  if (since > t.atRiskDays) return "at_risk";
  if ((input.previousStage === "dormant" || input.previousStage === "churned") && input.purchasedSincePrevious) {
    return "reactivated";
  }
  if (input.daysSinceFirstPurchase <= config.newWithinDays) return "new";
  return "active";
}
