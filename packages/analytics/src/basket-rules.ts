import type { AnalyticsConfig } from "@dangol/domain/analytics";
import { mineRules, type Rule } from "@dangol/domain/baskets";
import type { ClientBase } from "pg";
import { buildCategoryLevel } from "./category-cycles.ts";
import { cursorBatches } from "./cursor.ts";
import type { Windows } from "./windows.ts";

/**
 * Category-level rules over the sale receipts of the basket window (members and anonymous alike:
 * what goes together in a basket does not depend on who pays). SQL groups receipts with the
 * same category set, so only distinct compositions cross the wire; they are expanded again for
 * the miner, whose input is one basket per receipt.
 */
export async function mineCategoryRules(
  reader: ClientBase,
  config: AnalyticsConfig["baskets"],
  w: Windows,
): Promise<{ rules: Rule[]; baskets: number }> {
  await buildCategoryLevel(reader, "analytics_basket_category", config.categoryLevel);
  const compositions: { items: string[]; count: number }[] = [];
  const sql = `
    SELECT items, count(*)::int AS count FROM (
      SELECT l.receipt_id, array_agg(DISTINCT m.at_code ORDER BY m.at_code) AS items
        FROM receipt_line l
        JOIN receipt r ON r.id = l.receipt_id
        JOIN analytics_basket_category m ON m.code = l.category_code
       WHERE r.type = 'SALE' AND l.business_date BETWEEN DATE '1970-01-01' + $1::int AND DATE '1970-01-01' + $2::int
       GROUP BY l.receipt_id) b
     GROUP BY items`;
  for await (const batch of cursorBatches<{ items: string[]; count: number }>(reader, sql, [w.basketFrom, w.asOf])) {
    compositions.push(...batch);
  }
  let baskets = 0;
  for (const c of compositions) baskets += c.count;
  function* expanded(): Generator<readonly string[]> {
    for (const c of compositions) for (let k = 0; k < c.count; k++) yield c.items;
  }
  return { rules: mineRules(expanded(), config.thresholds), baskets };
}
