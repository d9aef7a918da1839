/** What the feed readers produce. The data policy (feeds.md) decides which of the three a row becomes. */

export type Division = "DPT" | "MART" | "SM" | "HQ";

/** etl_batch.feed_kind vocabulary (see the column's comment in schema.prisma). */
export type FeedKind = "store" | "product" | "member" | "sales" | "category" | "category_map" | "region";

/** A staging.* table; the loader maps a record to its columns. */
export type StagingTable =
  | "member"
  | "sale_line"
  | "store"
  | "product"
  | "hq_category"
  | "hq_category_map"
  | "hq_region";

/** A problem with an optional or descriptive part of a row that is loaded anyway. */
export type Finding = { lineNo: number; kind: string; field: string; raw: string | null; key: string | null };

/** A staged value as COPY text receives it; arrays become Postgres array literals. */
export type Cell = string | number | boolean | null | readonly string[];

/** A row that loads: one line of the file may stage several rows (an SM receipt's items). */
export type Accepted = {
  type: "row";
  lineNo: number;
  table: StagingTable;
  /** Values in the order of STAGING_COLUMNS[table], without batch_id and line_no. */
  rows: Cell[][];
  findings: Finding[];
};
/**
 * `countsAs`: the rows of the file this line stands for, when not 1 — an SM receipt line holds one
 * row per item (feeds.md), so a rejected or repeated receipt counts its items.
 */
export type Rejected = { type: "reject"; lineNo: number; reason: string; raw: string; countsAs?: number };
/** Identical to an earlier row of the same file. */
export type Skipped = { type: "skip"; lineNo: number; countsAs?: number };

export type FeedEvent = Accepted | Rejected | Skipped;

/** The rows of the file an event accounts for in its batch's reconciliation (rows in = loaded + rejected + skipped). */
export function rowsOf(event: FeedEvent): number {
  return event.type === "row" ? event.rows.length : (event.countsAs ?? 1);
}

/** The whole file is refused: nothing of it may load (truncated, control mismatch, undecodable). */
export class FileRefusedError extends Error {
  override name = "FileRefusedError";
  constructor(
    readonly reason: string,
    /** Data rows seen before the refusal; all count as rejected. */
    readonly rowsIn: number,
  ) {
    super(reason);
  }
}

/** Master data a sales reader checks codes against (the division's latest staged masters). */
export type Reference = { stores: ReadonlySet<string>; products: ReadonlySet<string> };

export type ReadOptions = {
  /** YYYY-MM-DD, from the file name; bounds birth dates. Null for masters. */
  businessDate: string | null;
  /** Required for sales files: an unknown store rejects the row. */
  reference?: Reference;
  /** Called with every chunk's byte count, for progress. */
  onBytes?: (bytes: number) => void;
};
