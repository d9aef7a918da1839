import type { PoolClient } from "pg";
import { exec } from "./temp-table.ts";

/** The divisions as source_system rows (the warehouse's foreign keys need them). */
export async function ensureSourceSystems(client: PoolClient): Promise<void> {
  await client.query(
    `INSERT INTO source_system (code, name, format)
     VALUES ('DPT', '백화점', 'DEPARTMENT_STORE'), ('MART', '마트', 'MART'), ('SM', '슈퍼마켓', 'SUPERMARKET')
     ON CONFLICT (code) DO NOTHING`,
  );
}

const FORMAT = `CASE s.division WHEN 'DPT' THEN 'DEPARTMENT_STORE' WHEN 'MART' THEN 'MART' ELSE 'SUPERMARKET' END::retail_format`;

/** Upserts one staged master batch (a full snapshot) into its warehouse table; returns rows written. */
export async function loadMaster(client: PoolClient, batchId: string, kind: string): Promise<Record<string, number>> {
  switch (kind) {
    case "store":
      return {
        store: await exec(
          client,
          `INSERT INTO store (source_code, code, name, format, sido, sigungu, opened_on, lat, lon, updated_at)
           SELECT DISTINCT ON (s.division, s.store_code) s.division, s.store_code, coalesce(s.name, s.store_code), ${FORMAT},
                  s.sido, s.sigungu, s.opened_on, s.lat, s.lon, now()
             FROM staging.store s WHERE s.batch_id = $1 ORDER BY s.division, s.store_code, s.line_no DESC
           ON CONFLICT (source_code, code) DO UPDATE SET name = excluded.name, sido = excluded.sido,
             sigungu = excluded.sigungu, opened_on = excluded.opened_on, lat = excluded.lat, lon = excluded.lon,
             active = true, updated_at = now()
           WHERE (store.name, store.sido, store.sigungu, store.opened_on, store.lat, store.lon)
                 IS DISTINCT FROM (excluded.name, excluded.sido, excluded.sigungu, excluded.opened_on, excluded.lat, excluded.lon)`,
          [batchId],
        ),
      };
    case "category":
      return {
        category: await exec(
          client,
          `INSERT INTO category (code, level, parent_code, name_ko, name_en, updated_at)
           SELECT DISTINCT ON (code) code, level, nullif(parent_code, ''), coalesce(name_ko, code), name_en, now()
             FROM staging.hq_category WHERE batch_id = $1 ORDER BY code, line_no DESC
           ON CONFLICT (code) DO UPDATE SET level = excluded.level, parent_code = excluded.parent_code,
             name_ko = excluded.name_ko, name_en = excluded.name_en, updated_at = now()
           WHERE (category.level, category.parent_code, category.name_ko, category.name_en)
                 IS DISTINCT FROM (excluded.level, excluded.parent_code, excluded.name_ko, excluded.name_en)`,
          [batchId],
        ),
      };
    case "category_map": {
      const n = await exec(
        client,
        `INSERT INTO category_map (source_code, source_category_code, category_code, updated_at)
         SELECT DISTINCT ON (m.division, m.source_category_code) m.division, m.source_category_code, m.category_code, now()
           FROM staging.hq_category_map m JOIN category c ON c.code = m.category_code
          WHERE m.batch_id = $1 ORDER BY m.division, m.source_category_code, m.line_no DESC
         ON CONFLICT (source_code, source_category_code) DO UPDATE SET category_code = excluded.category_code, updated_at = now()
         WHERE category_map.category_code IS DISTINCT FROM excluded.category_code`,
        [batchId],
      );
      // Products staged before the map arrived (or re-mapped) follow it.
      const products = await exec(
        client,
        `UPDATE product p SET category_code = m.category_code, updated_at = now()
           FROM category_map m
          WHERE m.source_code = p.source_code AND m.source_category_code = p.source_category_code
            AND p.category_code IS DISTINCT FROM m.category_code`,
      );
      return { category_map: n, product_recategorised: products };
    }
    case "region":
      return {
        region: await exec(
          client,
          `INSERT INTO region (sido, sigungu, lat, lon)
           SELECT DISTINCT ON (sido, sigungu) sido, sigungu, coalesce(lat, 0), coalesce(lon, 0)
             FROM staging.hq_region WHERE batch_id = $1 ORDER BY sido, sigungu, line_no DESC
           ON CONFLICT (sido, sigungu) DO UPDATE SET lat = excluded.lat, lon = excluded.lon
           WHERE (region.lat, region.lon) IS DISTINCT FROM (excluded.lat, excluded.lon)`,
          [batchId],
        ),
      };
    case "product":
      return {
        product: await exec(
          client,
          `INSERT INTO product (source_code, code, name, brand, source_category_code, list_price, category_code, updated_at)
           SELECT DISTINCT ON (s.division, s.product_code) s.division, s.product_code, coalesce(s.name, s.product_code), s.brand,
                  s.source_category_code, s.list_price, m.category_code, now()
             FROM staging.product s
             LEFT JOIN category_map m ON m.source_code = s.division AND m.source_category_code = s.source_category_code
            WHERE s.batch_id = $1 ORDER BY s.division, s.product_code, s.line_no DESC
           ON CONFLICT (source_code, code) DO UPDATE SET name = excluded.name, brand = excluded.brand,
             source_category_code = excluded.source_category_code, list_price = excluded.list_price,
             category_code = excluded.category_code, active = true, updated_at = now()
           WHERE (product.name, product.brand, product.source_category_code, product.list_price, product.category_code)
                 IS DISTINCT FROM (excluded.name, excluded.brand, excluded.source_category_code, excluded.list_price, excluded.category_code)`,
          [batchId],
        ),
      };
    default:
      throw new Error(`not a master feed: ${kind}`);
  }
}
