import type { CycleConfig } from "@dangol/domain/cycles";
import { cycleStatus } from "@dangol/domain/cycles";
import type { ClientBase } from "pg";
import { openCopy } from "./copy.ts";
import { cursorBatches } from "./cursor.ts";
import { isoFromDay } from "./days.ts";
import type { Windows } from "./windows.ts";

/** Level-3 category → the category at `level` (1 대분류, 2 중분류, 3 itself), as a temp table. */
export async function buildCategoryLevel(client: ClientBase, table: string, level: 1 | 2 | 3): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE ${table} AS
     SELECT c.code, CASE $1::int WHEN 3 THEN c.code
                                 WHEN 2 THEN coalesce(c.parent_code, c.code)
                                 ELSE coalesce(p.parent_code, c.parent_code, c.code) END AS at_code
       FROM category c LEFT JOIN category p ON p.code = c.parent_code`,
    [level],
  );
  // Temp tables are never auto-analyzed; without statistics the join to receipt_line is misplanned.
  await client.query(`ANALYZE ${table}`);
}

export const CYCLE_COLUMNS = [
  "customer_id",
  "category_code",
  "as_of",
  "purchase_days",
  "last_purchase_on",
  "median_interval_days",
  "next_purchase_due",
  "due_now",
] as const;

/**
 * Per customer × category rhythm: distinct sale days per pair come out of SQL already sorted
 * (array_agg DISTINCT), only pairs with enough days; the domain's cycle rule does the rest.
 */
export async function writeCategoryCycles(
  reader: ClientBase,
  writer: ClientBase,
  config: CycleConfig,
  w: Windows,
): Promise<number> {
  await buildCategoryLevel(reader, "analytics_cycle_category", config.categoryLevel);
  const copy = openCopy(writer, "analytics_stage_cycle", CYCLE_COLUMNS);
  const sql = `
    SELECT r.customer_id, m.at_code AS category, array_agg(DISTINCT l.business_date - DATE '1970-01-01') AS days
      FROM receipt_line l
      JOIN receipt r ON r.id = l.receipt_id
      JOIN analytics_input i ON i.customer_id = r.customer_id
      JOIN analytics_cycle_category m ON m.code = l.category_code
     WHERE r.type = 'SALE' AND l.business_date BETWEEN DATE '1970-01-01' + $1::int AND DATE '1970-01-01' + $2::int
     GROUP BY 1, 2
    HAVING count(DISTINCT l.business_date) >= $3`;
  const asOf = isoFromDay(w.asOf);
  for await (const batch of cursorBatches<{ customer_id: string; category: string; days: number[] }>(reader, sql, [
    w.cycleFrom,
    w.asOf,
    config.minPurchaseDays,
  ])) {
    for (const row of batch) {
      const status = cycleStatus(row.days, w.asOf, config);
      if (!status) continue;
      await copy.write([
        row.customer_id,
        row.category,
        asOf,
        row.days.length,
        isoFromDay(row.days.at(-1)!),
        status.medianIntervalDays,
        isoFromDay(status.nextExpectedDay),
        status.dueNow,
      ]);
    }
  }
  return copy.end();
}
