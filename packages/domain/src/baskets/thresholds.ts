import { z } from "zod";

/**
 * Thresholds as arules' apriori takes them: an itemset is frequent when count / baskets ≥
 * minSupport; minLen and maxLen count every item of a rule (left side plus the one on the right),
 * and maxLen defaults to arules' 10. minLift is ours (arules filters lift afterwards).
 */
export const ruleThresholdsSchema = z
  .object({
    minSupport: z.number().gt(0, "must be greater than 0").lte(1, "must be at most 1"),
    minConfidence: z.number().gte(0, "must be at least 0").lte(1, "must be at most 1"),
    minLift: z.number().gte(0, "must be at least 0").default(0),
    minLen: z.number().int("must be a whole number").gte(1, "must be at least 1").default(1),
    maxLen: z.number().int("must be a whole number").gte(1, "must be at least 1").default(10),
  })
  .refine((t) => t.minLen <= t.maxLen, { path: ["minLen"], error: "must not exceed the maximum length" });

export type RuleThresholds = z.input<typeof ruleThresholdsSchema>;

/**
 * The smallest basket count meeting `count / baskets ≥ minSupport`, found with the same
 * floating-point division the definition uses, so a count on the boundary is decided exactly as
 * arules decides it rather than by how `minSupport × baskets` happens to round.
 */
export function minimumCount(minSupport: number, baskets: number): number {
  let count = Math.max(1, Math.ceil(minSupport * baskets));
  while (count > 1 && (count - 1) / baskets >= minSupport) count--;
  while (count <= baskets && count / baskets < minSupport) count++;
  return count;
}
