/** HQ masters: UTF-8 CSV with a header, LF. */
import type { CategoryMapRow, HqCategory } from "../masters.ts";
import { REGIONS } from "../reference.ts";
import { csvLine } from "./csv.ts";

export const HQ_FILES = {
  categories: "hq_categories.csv",
  categoryMap: "hq_category_map.csv",
  regions: "hq_regions.csv",
} as const;

export function hqCategoriesLines(categories: readonly HqCategory[]): string[] {
  return [
    "code,level,parent_code,name_ko,name_en",
    ...categories.map((c) => csvLine([c.code, String(c.level), c.parentCode, c.nameKo, c.nameEn])),
  ];
}

export function hqCategoryMapLines(rows: readonly CategoryMapRow[]): string[] {
  return [
    "division,source_category_code,category_code",
    ...rows.map((r) => csvLine([r.division, r.sourceCode, r.categoryCode])),
  ];
}

export function hqRegionsLines(): string[] {
  return ["sido,sigungu,lat,lon", ...REGIONS.map((r) => csvLine([r.sido, r.sigungu, String(r.lat), String(r.lon)]))];
}
