/** What every division's format module provides to the writers. */
import type { Rng } from "../random.ts";
import type { Division, MemberRecord, Product, Receipt, SaleLine, Store } from "../types.ts";

/** A delimited row's fields, or an SM JSON object. */
export type Row = string[] | Record<string, unknown>;

export interface FeedFormat {
  division: Division;
  folder: string;
  encoding: "cp949" | "utf8";
  eol: "\r\n" | "\n";
  /** DPT ends every file with `EOF,<rows>`; MART writes a `.ctl` beside it; SM has neither. */
  control: "trailer" | "ctl" | "none";
  /** The structural fault this format suffers (fields for delimited files, syntax for JSON). */
  brokenRowKind: "wrong_field_count" | "bad_json_line";
  /** DPT and MART have a row per sale line; SM a row per receipt. */
  rowPerLine: boolean;
  files: { stores: string; products: string; members(day: number): string; sales(day: number): string };
  headers: { stores?: string; products?: string; members?: string; sales?: string };
  storeRow(store: Store): Row;
  productRow(product: Product): Row;
  memberRow(member: MemberRecord): Row;
  /** `line` is null for formats with a row per receipt. */
  saleRow(receipt: Receipt, line: SaleLine | null): Row;
  render(row: Row): string;
  renderBroken(row: Row, rng: Rng): string;
}

export function yn(value: boolean): "Y" | "N" {
  return value ? "Y" : "N";
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** Not validated on purpose: planted impossible dates must come out as written. */
export function ymdText(date: { y: number; m: number; d: number }, separator: string): string {
  return `${String(date.y).padStart(4, "0")}${separator}${p2(date.m)}${separator}${p2(date.d)}`;
}
