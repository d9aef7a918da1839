/** MART (discount store): UTF-8, LF, pipe-delimited, snake_case header, a `.ctl` per file. */
import { compactDate, compactDateTime, partsOf } from "../calendar.ts";
import { wrongFieldCount } from "../faults.ts";
import type { Rng } from "../random.ts";
import type { MemberRecord, Product, Receipt, SaleLine, Store } from "../types.ts";
import type { FeedFormat, Row } from "./shared.ts";
import { ymdText } from "./shared.ts";

const CHANGE = { insert: "N", update: "C", withdraw: "W" } as const;
const flag = (value: boolean) => (value ? "1" : "0");

function memberRow(m: MemberRecord): string[] {
  const changedAt = compactDateTime(partsOf(m.changedAt));
  if (m.change === "withdraw") return [m.memberNo, ...Array<string>(18).fill(""), CHANGE.withdraw, changedAt];
  return [
    m.memberNo,
    m.cardNo,
    m.name,
    m.gender ?? "",
    m.birth ? ymdText(m.birth, "") : "",
    m.phone,
    m.email,
    m.zip,
    m.addr1,
    m.addr2,
    m.joinedOn.replace(/-/g, ""),
    m.joinStore,
    m.ci ?? "",
    flag(m.consents.sms),
    flag(m.consents.email),
    flag(m.consents.dm),
    flag(m.consents.tm),
    flag(m.consents.night),
    compactDateTime(partsOf(m.consentAt)),
    CHANGE[m.change],
    changedAt,
  ];
}

/** A receipt's lines are written one after another: format its time once, not per line. */
let stampOf: Receipt | undefined;
let at = "";

function saleRow(r: Receipt, line: SaleLine | null): string[] {
  const l = line!;
  if (stampOf !== r) {
    stampOf = r;
    at = compactDateTime(partsOf(r.at));
  }
  const original = r.original;
  return [
    l.storeOverride ?? r.ref.storeCode,
    String(r.ref.posNo),
    String(r.ref.trxNo),
    l.invalidDate ? ymdText(l.invalidDate, "") : at.slice(0, 8),
    at.slice(8),
    r.type === "sale" ? "S" : "R",
    original?.storeCode ?? "",
    original ? compactDate(original.day) : "",
    original ? String(original.posNo) : "",
    original ? String(original.trxNo) : "",
    r.memberNo ?? "",
    String(l.lineNo),
    l.productCode,
    String(l.qty),
    String(l.unitPrice),
    String(l.discount),
    String(l.amount),
    String(l.earned),
    String(l.used),
    l.lineNo === 1 ? (r.coupon ?? "") : "",
  ];
}

export const martFormat: FeedFormat = {
  division: "MART",
  folder: "mart",
  encoding: "utf8",
  eol: "\n",
  control: "ctl",
  brokenRowKind: "wrong_field_count",
  rowPerLine: true,
  files: {
    stores: "mart_stores.psv",
    products: "mart_products.psv",
    members: (day) => `mart_members_${compactDate(day)}.psv`,
    sales: (day) => `mart_sales_${compactDate(day)}.psv`,
  },
  headers: {
    stores: "store_cd|store_nm|sido|sigungu|open_ymd|lat|lon",
    products: "item_cd|item_nm|brand|mart_cat_cd|list_price",
    members:
      "member_no|card_no|name|gender|birth_ymd|mobile|email|zip|addr1|addr2|join_ymd|join_store|ci|agree_sms|agree_email|agree_dm|agree_tm|agree_night|agree_dt|chg_type|chg_dt",
    sales:
      "store_cd|pos_no|trx_no|trx_ymd|trx_hms|trx_type|org_store_cd|org_trx_ymd|org_pos_no|org_trx_no|member_no|line_no|item_cd|qty|unit_price|dc_amt|sale_amt|earn_pt|use_pt|coupon_no",
  },
  storeRow: (s: Store) => [
    s.code,
    s.name,
    s.sido,
    s.sigungu,
    s.openedOn.replace(/-/g, ""),
    String(s.lat),
    String(s.lon),
  ],
  productRow: (p: Product) => [p.code, p.name, p.brand, p.categoryCode, String(p.price)],
  memberRow,
  saleRow,
  render: (row: Row) => (row as string[]).join("|"),
  renderBroken: (row: Row, rng: Rng) => wrongFieldCount(row as string[], rng).join("|"),
};
