import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type pg from "pg";
import { CopyWriter } from "../batches/copy-writer.ts";
import { ImportInputError, lineError, type SourceRow } from "./errors.ts";
import { findColumns } from "./layouts.ts";
import { ensureSourceSystem, ensureStore, type ImportSummary, inImportTransaction } from "./session.ts";

export type BasketsImport = {
  databaseUrl: string;
  file: string;
  rows: AsyncIterable<SourceRow>;
  /** the item hierarchy (labels, level2, level1), when given */
  hierarchy?: { file: string; rows: AsyncIterable<SourceRow> };
  source: string;
  /** the business day every basket is booked on (`YYYY-MM-DD`): basket files carry no dates */
  date: string;
};

/** Basket files name no outlet: every basket is booked to this one store. */
export const BASKET_STORE = { code: "ALL", name: "All outlets (the basket file names none)" };

const HIERARCHY_HEADER = { item: "labels", level2: "level2", level1: "level1" };

/**
 * Imports a one-basket-per-line item list: each line an anonymous receipt keyed by the file's
 * content hash and line number (so the same file imported twice creates nothing), each item a
 * line of quantity 1 without a price, each distinct item a product. With a hierarchy, its level1
 * and level2 become categories (codes derived from the source code, see categoryCodeSql) and
 * each product is classified under its level2.
 */
export async function importBaskets(options: BasketsImport): Promise<ImportSummary> {
  const started = performance.now();
  const { file, source } = options;
  const digest = (await sha256(file)).slice(0, 16);
  return inImportTransaction(options.databaseUrl, source, async (client) => {
    // No money in a basket file: the currency is ISO 4217's "no currency".
    await ensureSourceSystem(client, {
      code: source,
      name: "External: basket item lists (no prices)",
      currency: "XXX",
    });
    const storeId = await ensureStore(client, source, BASKET_STORE.code, BASKET_STORE.name);
    await client.query(
      "CREATE TEMP TABLE import_item (basket_line int NOT NULL, position int NOT NULL, item text NOT NULL) ON COMMIT DROP",
    );
    let rowsRead = 0;
    const copy = new CopyWriter(client, "import_item", ["basket_line", "position", "item"]);
    for await (const row of options.rows) {
      const items = row.fields.map((item) => item.trim()).filter((item) => item !== "");
      if (items.length === 0) continue;
      rowsRead++;
      for (const [index, item] of items.entries()) {
        if (item.length > 64) throw lineError(file, row, `item "${item.slice(0, 20)}…" is longer than 64 characters`);
        await copy.write([row.line, index + 1, item]);
      }
    }
    await copy.end();
    if (rowsRead === 0) throw new ImportInputError(`${file} holds no baskets`);
    await client.query("ANALYZE import_item");
    const categoriesCreated = options.hierarchy ? await loadHierarchy(client, source, options.hierarchy) : undefined;
    return {
      file,
      source,
      rowsRead,
      ...(await loadBaskets(client, source, storeId, digest, options.date)),
      ...(categoriesCreated === undefined ? {} : { categoriesCreated }),
      seconds: (performance.now() - started) / 1000,
    };
  });
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * A category code (≤ 16 characters, category.code) for a level-1 or level-2 name of this source:
 * up to 6 letters/digits of the source code, the level, 8 hex digits of md5 of the path.
 * Deterministic, so re-importing finds the same categories.
 */
const categoryCodeSql = (level: 1 | 2, path: string) =>
  `left(upper(regexp_replace($1, '[^A-Za-z0-9]', '', 'g')), 6) || '${level}' || left(md5(${path}), 8)`;

async function loadHierarchy(
  client: pg.PoolClient,
  source: string,
  hierarchy: NonNullable<BasketsImport["hierarchy"]>,
): Promise<number> {
  await client.query(
    "CREATE TEMP TABLE import_hierarchy (item text PRIMARY KEY, level2 text NOT NULL, level1 text NOT NULL) ON COMMIT DROP",
  );
  const copy = new CopyWriter(client, "import_hierarchy", ["item", "level2", "level1"]);
  let columns: Record<keyof typeof HIERARCHY_HEADER, number> | undefined;
  const seen = new Set<string>();
  for await (const row of hierarchy.rows) {
    if (!columns) {
      columns = findColumns(row.fields, HIERARCHY_HEADER);
      if (!columns) throw lineError(hierarchy.file, row, "not an item hierarchy header (want labels, level2, level1)");
      continue;
    }
    const [item, level2, level1] = [columns.item, columns.level2, columns.level1].map((i) =>
      (row.fields[i] ?? "").trim(),
    );
    if (!item || !level2 || !level1)
      throw lineError(hierarchy.file, row, "labels, level2 and level1 must all be given");
    if (level2.length > 32) throw lineError(hierarchy.file, row, `level2 "${level2}" is longer than 32 characters`);
    if (seen.has(item)) throw lineError(hierarchy.file, row, `item "${item}" is listed twice`);
    seen.add(item);
    await copy.write([item, level2, level1]);
  }
  if (!columns) throw new ImportInputError(`${hierarchy.file} is empty (no header line)`);
  await copy.end();
  const level1 = await client.query(
    `INSERT INTO category (code, level, parent_code, name_ko, name_en, updated_at)
     SELECT DISTINCT ${categoryCodeSql(1, "level1")}, 1, NULL::varchar, level1, level1, now() FROM import_hierarchy
     ON CONFLICT (code) DO NOTHING`,
    [source],
  );
  const level2 = await client.query(
    `INSERT INTO category (code, level, parent_code, name_ko, name_en, updated_at)
     SELECT DISTINCT ${categoryCodeSql(2, "level1 || '/' || level2")}, 2, ${categoryCodeSql(1, "level1")},
            level2, level2, now()
     FROM import_hierarchy
     ON CONFLICT (code) DO NOTHING`,
    [source],
  );
  // The source's own category code is its level2 name; it maps to the level-2 category.
  await client.query(
    `INSERT INTO category_map (source_code, source_category_code, category_code, updated_at)
     SELECT DISTINCT $1, level2, ${categoryCodeSql(2, "level1 || '/' || level2")}, now() FROM import_hierarchy
     ON CONFLICT (source_code, source_category_code) DO NOTHING`,
    [source],
  );
  return (level1.rowCount ?? 0) + (level2.rowCount ?? 0);
}

async function loadBaskets(client: pg.PoolClient, source: string, storeId: number, digest: string, date: string) {
  const hasHierarchy =
    (await client.query("SELECT 1 FROM pg_class WHERE relname = 'import_hierarchy' AND relpersistence = 't'"))
      .rowCount === 1;
  const classified = hasHierarchy
    ? `LEFT JOIN import_hierarchy h ON h.item = i.item
       LEFT JOIN category_map m ON m.source_code = $1 AND m.source_category_code = h.level2`
    : "";
  // Products per item; a hierarchy given later classifies products imported without one.
  const products = await client.query(
    `INSERT INTO product (source_code, code, name, source_category_code, category_code, updated_at)
     SELECT DISTINCT ON (i.item) $1, i.item, i.item, ${hasHierarchy ? "h.level2, m.category_code" : "NULL, NULL"}, now()
     FROM import_item i ${classified}
     ORDER BY i.item
     ON CONFLICT (source_code, code) DO UPDATE
       SET source_category_code = excluded.source_category_code, category_code = excluded.category_code,
           updated_at = now()
       WHERE excluded.category_code IS NOT NULL AND product.category_code IS DISTINCT FROM excluded.category_code
     RETURNING (xmax = 0) AS created`,
    [source],
  );
  await client.query("CREATE TEMP TABLE import_new_receipt (id bigint PRIMARY KEY, basket_line int) ON COMMIT DROP");
  const receipts = await client.query(
    `WITH baskets AS (SELECT basket_line, count(*) AS lines FROM import_item GROUP BY basket_line),
     created AS (
       INSERT INTO receipt (source_code, source_receipt_key, store_id, sold_at, business_date, type, net_amount, line_count)
       SELECT $1, $2 || ':' || basket_line, $3, $4::date::timestamp AT TIME ZONE 'UTC', $4::date, 'SALE', 0, lines
       FROM baskets
       ON CONFLICT (source_code, source_receipt_key) DO NOTHING
       RETURNING id, source_receipt_key)
     INSERT INTO import_new_receipt SELECT id, split_part(source_receipt_key, ':', 2)::int FROM created`,
    [source, digest, storeId, date],
  );
  const { rows: inFile } = await client.query<{ n: string }>(
    "SELECT count(DISTINCT basket_line) AS n FROM import_item",
  );
  const lines = await client.query(
    `INSERT INTO receipt_line (receipt_id, line_no, source_product_code, product_id, category_code, quantity,
                               unit_price, amount, sold_at, business_date)
     SELECT r.id, i.position, i.item, p.id, p.category_code, 1, 0, 0, rc.sold_at, rc.business_date
     FROM import_item i
     JOIN import_new_receipt r ON r.basket_line = i.basket_line
     JOIN receipt rc ON rc.id = r.id
     LEFT JOIN product p ON p.source_code = $1 AND p.code = i.item`,
    [source],
  );
  return {
    receiptsInFile: Number(inFile[0]!.n),
    receiptsCreated: receipts.rowCount ?? 0,
    linesCreated: lines.rowCount ?? 0,
    customersCreated: 0,
    productsCreated: products.rows.filter((row: { created: boolean }) => row.created).length,
  };
}
