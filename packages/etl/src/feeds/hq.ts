import { splitCsvLine } from "./csv.ts";
import type { DelimitedLayout } from "./delimited.ts";
import { decodeUtf8 } from "./file-checks.ts";
import { toCategory, toCategoryMap, toRegion } from "./masters.ts";
import type { FeedKind } from "./types.ts";

const base = { decode: decodeUtf8, split: splitCsvLine, trailer: false, control: false } as const;

/** HQ merchandising masters: UTF-8 CSV with an English header, no trailer or control file. */
export const HQ_LAYOUTS: Partial<Record<FeedKind, DelimitedLayout>> = {
  category: {
    ...base,
    header: ["code", "level", "parent_code", "name_ko", "name_en"],
    build: (f, lineNo, raw) => toCategory(f, lineNo, raw),
  },
  category_map: {
    ...base,
    header: ["division", "source_category_code", "category_code"],
    build: (f, lineNo, raw) => toCategoryMap(f, lineNo, raw),
  },
  region: {
    ...base,
    header: ["sido", "sigungu", "lat", "lon"],
    build: (f, lineNo, raw) => toRegion(f, lineNo, raw),
  },
};
