/** SM (supermarket, newer system): UTF-8 JSON Lines, ISO-8601 times with +09:00. */
import { compactDate, isoDateTime, partsOf } from "../calendar.ts";
import { badJsonLine } from "../faults.ts";
import type { Rng } from "../random.ts";
import type { MemberRecord, Product, Receipt, Store } from "../types.ts";
import type { FeedFormat, Row } from "./shared.ts";
import { ymdText } from "./shared.ts";

function memberRow(m: MemberRecord): Record<string, unknown> {
  const changedAt = isoDateTime(partsOf(m.changedAt));
  if (m.change === "withdraw") {
    return {
      memberId: m.memberNo,
      cardNo: null,
      name: null,
      gender: null,
      birthDate: null,
      phone: null,
      email: null,
      address: null,
      joinedAt: null,
      joinStore: null,
      ci: null,
      consents: null,
      change: "WITHDRAW",
      changedAt,
    };
  }
  return {
    memberId: m.memberNo,
    cardNo: m.cardNo,
    name: m.name,
    gender: m.gender,
    birthDate: m.birth ? ymdText(m.birth, "-") : null,
    phone: m.phone,
    email: m.email || null,
    address: { zip: m.zip, line1: m.addr1, line2: m.addr2 },
    joinedAt: m.joinedOn,
    joinStore: m.joinStore,
    ci: m.ci,
    consents: { ...m.consents, updatedAt: isoDateTime(partsOf(m.consentAt)) },
    change: "UPSERT",
    changedAt,
  };
}

function saleRow(r: Receipt): Record<string, unknown> {
  const at = isoDateTime(partsOf(r.at));
  return {
    receiptId: r.ref.id,
    storeCode: r.storeOverride ?? r.ref.storeCode,
    posNo: r.ref.posNo,
    issuedAt: r.invalidDate ? `${ymdText(r.invalidDate, "-")}${at.slice(10)}` : at,
    type: r.type === "sale" ? "SALE" : "RETURN",
    originalReceiptId: r.original?.id ?? null,
    cardNo: r.cardNo,
    items: r.lines.map((l) => ({
      line: l.lineNo,
      sku: l.productCode,
      qty: l.qty,
      unitPrice: l.unitPrice,
      discount: l.discount,
      amount: l.amount,
    })),
    points: { earned: r.earned, used: r.used },
    coupons: r.coupon ? [r.coupon] : [],
    total: r.lines.reduce((sum, l) => sum + l.amount, 0),
  };
}

export const smFormat: FeedFormat = {
  division: "SM",
  folder: "sm",
  encoding: "utf8",
  eol: "\n",
  control: "none",
  brokenRowKind: "bad_json_line",
  rowPerLine: false,
  files: {
    stores: "sm_stores.jsonl",
    products: "sm_products.jsonl",
    members: (day) => `sm_members_${compactDate(day)}.jsonl`,
    sales: (day) => `sm_receipts_${compactDate(day)}.jsonl`,
  },
  headers: {},
  storeRow: (s: Store) => ({
    storeCode: s.code,
    name: s.name,
    sido: s.sido,
    sigungu: s.sigungu,
    openedOn: s.openedOn,
    lat: s.lat,
    lon: s.lon,
  }),
  productRow: (p: Product) => ({
    sku: p.code,
    name: p.name,
    brand: p.brand,
    smCategory: p.categoryCode,
    price: p.price,
  }),
  memberRow,
  saleRow,
  render: (row: Row) => JSON.stringify(row),
  renderBroken: (row: Row, rng: Rng) => badJsonLine(JSON.stringify(row), rng),
};
