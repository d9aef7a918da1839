import type { AnalyticsConfig } from "@dangol/domain/analytics";
import {
  type BasketComposition,
  mineCompositionRules,
  minimumCount,
  type Rule,
  type RuleThresholds,
} from "@dangol/domain/baskets";
import type { ClientBase } from "pg";
import { buildCategoryLevel } from "./category-cycles.ts";
import { cursorBatches } from "./cursor.ts";
import type { Windows } from "./windows.ts";

/** Rules are mined over categories (at baskets.categoryLevel) or over products (product ids). */
export const RULE_LEVELS = ["category", "product"] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** Distinct basket contents with how many receipts have exactly that content. */
export type { BasketComposition };

const day = (param: number) => `DATE '1970-01-01' + $${param}::int`;

/**
 * The baskets of the window, grouped by composition (only distinct compositions cross the wire):
 * every SALE receipt of `[basketFrom, asOf]`, members and anonymous alike (what goes together in
 * a basket does not depend on who pays), with a line the level can place — a classified line for
 * categories, a known product for products. A receipt whose items all fall below the support
 * floor stays in as an empty basket, so the total (the denominator of support) is unchanged.
 *
 * Products are pre-filtered in SQL to those on at least the minimum count of receipts: an item
 * below it cannot be in any frequent itemset, and without the filter nearly every product
 * receipt is a composition of its own.
 */
export async function readBasketCompositions(
  reader: ClientBase,
  config: AnalyticsConfig["baskets"],
  w: Windows,
  level: RuleLevel = "category",
): Promise<{ compositions: BasketComposition[]; baskets: number }> {
  const compositions: BasketComposition[] = [];
  const range = `l.business_date BETWEEN ${day(1)} AND ${day(2)}`;
  let sql: string;
  const params: unknown[] = [w.basketFrom, w.asOf];
  if (level === "category") {
    await buildCategoryLevel(reader, "analytics_basket_category", config.categoryLevel);
    sql = `
      SELECT items, count(*)::int AS count FROM (
        SELECT l.receipt_id, array_agg(DISTINCT m.at_code ORDER BY m.at_code) AS items
          FROM receipt_line l
          JOIN receipt r ON r.id = l.receipt_id
          JOIN analytics_basket_category m ON m.code = l.category_code
         WHERE r.type = 'SALE' AND ${range}
         GROUP BY l.receipt_id) b
       GROUP BY items`;
  } else {
    const { rows } = await reader.query<{ baskets: number }>(
      `SELECT count(DISTINCT l.receipt_id)::int AS baskets FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id
        WHERE r.type = 'SALE' AND l.product_id IS NOT NULL AND ${range}`,
      params,
    );
    const total = rows[0]?.baskets ?? 0;
    if (total === 0) return { compositions, baskets: 0 };
    params.push(minimumCount(config.product.thresholds.minSupport, total));
    sql = `
      WITH lines AS (
        SELECT l.receipt_id, l.product_id FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id
         WHERE r.type = 'SALE' AND l.product_id IS NOT NULL AND ${range}
      ), frequent AS (
        SELECT product_id FROM lines GROUP BY product_id HAVING count(DISTINCT receipt_id) >= $3
      )
      SELECT items, count(*)::int AS count FROM (
        SELECT receipt_id, array_agg(DISTINCT product_id::text ORDER BY product_id::text) AS items
          FROM lines WHERE product_id IN (SELECT product_id FROM frequent)
         GROUP BY receipt_id) b
       GROUP BY items`;
    let kept = 0;
    for await (const batch of cursorBatches<BasketComposition>(reader, sql, params)) {
      for (const c of batch) kept += c.count;
      compositions.push(...batch);
    }
    if (total > kept) compositions.push({ items: [], count: total - kept });
    return { compositions, baskets: total };
  }
  let baskets = 0;
  for await (const batch of cursorBatches<BasketComposition>(reader, sql, params)) {
    for (const c of batch) baskets += c.count;
    compositions.push(...batch);
  }
  return { compositions, baskets };
}

/** One basket per receipt again, as the miner (and a basket file) wants them. */
export function* expandCompositions(compositions: readonly BasketComposition[]): Generator<readonly string[]> {
  for (const c of compositions) for (let k = 0; k < c.count; k++) yield c.items;
}

/** The thresholds the refresh mines a level with. */
export function levelThresholds(config: AnalyticsConfig["baskets"], level: RuleLevel): RuleThresholds {
  return level === "category" ? config.thresholds : config.product.thresholds;
}

/** Rules of one level over the basket window (the miner of `dangol analyze rules`). */
export async function mineBasketRules(
  reader: ClientBase,
  config: AnalyticsConfig["baskets"],
  w: Windows,
  level: RuleLevel = "category",
): Promise<{ rules: Rule[]; baskets: number }> {
  const { compositions, baskets } = await readBasketCompositions(reader, config, w, level);
  return { rules: mineCompositionRules(compositions, levelThresholds(config, level)), baskets };
}
