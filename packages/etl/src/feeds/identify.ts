import type { Division, FeedKind } from "./types.ts";

export type FeedFile = {
  /** The last path segment: files are keyed by name (and content), never by path. */
  name: string;
  division: Division;
  kind: FeedKind;
  /** YYYY-MM-DD from the name; null for masters. */
  businessDate: string | null;
};

const PATTERNS: [RegExp, Division, FeedKind][] = [
  [/^DPT_STORE\.csv$/, "DPT", "store"],
  [/^DPT_PRODUCT\.csv$/, "DPT", "product"],
  [/^DPT_MEMBER_(\d{8})\.csv$/, "DPT", "member"],
  [/^DPT_SALES_(\d{8})\.csv$/, "DPT", "sales"],
  [/^mart_stores\.psv$/, "MART", "store"],
  [/^mart_products\.psv$/, "MART", "product"],
  [/^mart_members_(\d{8})\.psv$/, "MART", "member"],
  [/^mart_sales_(\d{8})\.psv$/, "MART", "sales"],
  [/^sm_stores\.jsonl$/, "SM", "store"],
  [/^sm_products\.jsonl$/, "SM", "product"],
  [/^sm_members_(\d{8})\.jsonl$/, "SM", "member"],
  [/^sm_receipts_(\d{8})\.jsonl$/, "SM", "sales"],
  [/^hq_categories\.csv$/, "HQ", "category"],
  [/^hq_category_map\.csv$/, "HQ", "category_map"],
  [/^hq_regions\.csv$/, "HQ", "region"],
];

/** Recognises a feed file by its documented name; null for anything else (control files, truth…). */
export function identifyFeedFile(path: string): FeedFile | null {
  const name = path.split("/").pop() ?? path;
  for (const [pattern, division, kind] of PATTERNS) {
    const m = pattern.exec(name);
    if (m) {
      const ymd = m[1];
      return {
        name,
        division,
        kind,
        businessDate: ymd ? `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}` : null,
      };
    }
  }
  return null;
}

/** Masters (HQ, then stores, then products) before daily files; by day, members before sales. */
export function loadOrder(a: FeedFile, b: FeedFile): number {
  const rank = (f: FeedFile) =>
    ["category", "category_map", "region", "store", "product", "member", "sales"].indexOf(f.kind);
  const day = (f: FeedFile) => f.businessDate ?? "";
  return (
    day(a).localeCompare(day(b)) ||
    rank(a) - rank(b) ||
    a.division.localeCompare(b.division) ||
    a.name.localeCompare(b.name)
  );
}
