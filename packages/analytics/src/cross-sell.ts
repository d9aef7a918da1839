import type { ClientBase } from "pg";
import { z } from "zod";
import type { RuleLevel } from "./basket-rules.ts";
import { loadAnalyticsConfig } from "./config.ts";

export const crossSellQuerySchema = z.object({
  level: z.enum(["category", "product"]).default("category"),
  /** One rule only; otherwise the `rules` strongest by lift. */
  ruleId: z.coerce.bigint().positive().optional(),
  rules: z.coerce.number().int().min(1).max(100).default(20),
  limit: z.coerce.number().int().min(1).max(100_000).default(500),
});
export type CrossSellQuery = z.input<typeof crossSellQuerySchema>;

export type CrossSellRow = {
  ruleId: string;
  lhs: string[];
  rhs: string;
  lift: number;
  confidence: number;
  /** Candidates this rule has in all (before the limit). */
  ruleCandidates: number;
  customerId: string;
  spend12m: number;
  tierCode: string;
  lastPurchaseOn: string;
};

/**
 * The cross-sell list: for the strongest rules of a level (latest run), the customers who bought
 * every item of the left-hand side but never the right-hand side within `baskets.crossSellDays`
 * before the rules' asOf, ranked by the rule's lift, then by the customer's 12-month spend. Items
 * are mapped to the level the rules were mined at (category level from the baskets config, or
 * product id). One set-based statement: each customer's relevant items are gathered once and
 * matched to every rule with array containment.
 */
export async function crossSellCandidates(client: ClientBase, query: CrossSellQuery = {}): Promise<CrossSellRow[]> {
  const q = crossSellQuerySchema.parse(query);
  const config = await loadAnalyticsConfig(client);
  const item: Record<RuleLevel, string> = {
    category: "m.item FROM receipt_line l JOIN level_map m ON m.code = l.category_code",
    product: "l.product_id::text AS item FROM receipt_line l",
  };
  const { rows } = await client.query<{
    rule_id: string;
    lhs: string[];
    rhs: string;
    lift: number;
    confidence: number;
    rule_candidates: number;
    customer_id: string;
    spend_12m: string;
    tier_code: string;
    last_purchase_on: string;
  }>(
    `WITH rule AS (
       SELECT ar.id, ar.lhs, ar.rhs, ar.lift, ar.confidence, run.as_of
         FROM association_rule ar JOIN analytics_run run ON run.id = ar.run_id
        WHERE ar.level = $1 AND ($2::bigint IS NULL OR ar.id = $2) AND cardinality(ar.lhs) > 0
        ORDER BY ar.lift DESC, ar.confidence DESC, ar.id
        LIMIT $3
     ), level_map AS (
       SELECT c.code, CASE $4::int WHEN 3 THEN c.code
                                   WHEN 2 THEN coalesce(c.parent_code, c.code)
                                   ELSE coalesce(p.parent_code, c.parent_code, c.code) END::text AS item
         FROM category c LEFT JOIN category p ON p.code = c.parent_code
     ), wanted AS (
       SELECT DISTINCT unnest(lhs || rhs) AS item FROM rule
     ), bought AS (
       SELECT r.customer_id, array_agg(DISTINCT b.item) AS items
         FROM (SELECT l.receipt_id, ${item[q.level]}
                WHERE l.business_date BETWEEN (SELECT max(as_of) FROM rule) - $5::int + 1 AND (SELECT max(as_of) FROM rule)) b
         JOIN receipt r ON r.id = b.receipt_id
        WHERE r.type = 'SALE' AND r.customer_id IS NOT NULL AND b.item IN (SELECT item FROM wanted)
        GROUP BY r.customer_id
     ), matched AS (
       SELECT rule.id, rule.lhs, rule.rhs, rule.lift, rule.confidence, b.customer_id,
              count(*) OVER (PARTITION BY rule.id)::int AS rule_candidates
         FROM rule JOIN bought b ON b.items @> rule.lhs AND NOT (rule.rhs = ANY (b.items))
     )
     SELECT x.id::text AS rule_id, x.lhs, x.rhs, x.lift, x.confidence, x.rule_candidates,
            x.customer_id::text AS customer_id, m.spend_12m::text AS spend_12m, m.tier_code,
            to_char(m.last_purchase_on, 'YYYY-MM-DD') AS last_purchase_on
       FROM matched x JOIN customer_metrics m ON m.customer_id = x.customer_id
      ORDER BY x.lift DESC, x.confidence DESC, x.id, m.spend_12m DESC, x.customer_id
      LIMIT $6`,
    [
      q.level,
      q.ruleId?.toString() ?? null,
      q.ruleId ? 1 : q.rules,
      config.baskets.categoryLevel,
      config.baskets.crossSellDays,
      q.limit,
    ],
  );
  return rows.map((r) => ({
    ruleId: r.rule_id,
    lhs: r.lhs,
    rhs: r.rhs,
    lift: r.lift,
    confidence: r.confidence,
    ruleCandidates: r.rule_candidates,
    customerId: r.customer_id,
    spend12m: Number(r.spend_12m),
    tierCode: r.tier_code,
    lastPurchaseOn: r.last_purchase_on,
  }));
}
