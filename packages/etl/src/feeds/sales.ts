import { parseInteger } from "./fields.ts";
import type { Accepted, Cell, Finding, Reference, Rejected } from "./types.ts";

export type TrxType = "SALE" | "RETURN";

export type SaleItemFields = {
  itemLine: string;
  productCode: string;
  qty: string;
  unitPrice: string;
  discount: string;
  amount: string;
  /** MART only: points are per line there. */
  lineEarn: string;
  lineUse: string;
};

/** One receipt's worth of a row: DPT/MART rows carry one item, an SM receipt many. */
export type SaleFields = {
  receiptKey: string;
  storeCode: string;
  posNo: string;
  trxAt: string;
  trxType: string;
  originalKey: string;
  memberNo: string;
  cardNo: string;
  /** DPT and SM: the receipt's points (DPT repeats them on every line). */
  receiptEarn: string;
  receiptUse: string;
  coupons: readonly string[];
  total: string;
  items: readonly SaleItemFields[];
};

export type SaleDialect = {
  division: "DPT" | "MART" | "SM";
  trxTypes: Readonly<Record<string, TrxType>>;
  timestamp: (value: string) => string | null;
  /** DPT writes 판매금액 with thousands separators. */
  amountSeparators: boolean;
};

export function toSale(
  f: SaleFields,
  dialect: SaleDialect,
  reference: Reference,
  lineNo: number,
  raw: string,
): Accepted | Rejected {
  const reject = (reason: string): Rejected => ({ type: "reject", lineNo, reason, raw });
  if (f.receiptKey === "") return reject("receipt id missing");
  if (f.storeCode === "") return reject("store code missing");
  if (!reference.stores.has(f.storeCode)) return reject(`unknown store ${JSON.stringify(f.storeCode)}`);
  const trxAt = dialect.timestamp(f.trxAt);
  if (trxAt === null) return reject(`invalid sale date/time ${JSON.stringify(f.trxAt)}`);
  const trxType = dialect.trxTypes[f.trxType];
  if (trxType === undefined) return reject(`unknown transaction type ${JSON.stringify(f.trxType)}`);
  if (f.items.length === 0) return reject("receipt without items");

  const findings: Finding[] = [];
  const finding = (kind: string, field: string, value: string) =>
    findings.push({ lineNo, kind, field, raw: value, key: f.receiptKey });
  const optionalInt = (value: string, field: string) => {
    if (value === "") return null;
    const n = parseInteger(value);
    if (n === null) finding("invalid_number", field, value);
    return n;
  };
  const receiptEarn = optionalInt(f.receiptEarn, "receipt_earn_points");
  const receiptUse = optionalInt(f.receiptUse, "receipt_use_points");
  const total = optionalInt(f.total, "receipt_total");

  const rows: Cell[][] = [];
  let sum = 0;
  for (const item of f.items) {
    const qty = parseInteger(item.qty);
    if (qty === null) return reject(`quantity missing or not a whole number ${JSON.stringify(item.qty)}`);
    const amount = parseInteger(item.amount, dialect.amountSeparators);
    if (amount === null) return reject(`amount missing or not a whole number ${JSON.stringify(item.amount)}`);
    const itemLine = parseInteger(item.itemLine);
    if (itemLine === null) return reject(`line number missing or not a whole number ${JSON.stringify(item.itemLine)}`);
    sum += amount;
    const unitPrice = optionalInt(item.unitPrice, "unit_price");
    const discount = item.discount === "" ? 0 : optionalInt(item.discount, "discount");
    // The amount as given is what the customer paid; a disagreement is recorded, not corrected.
    if (unitPrice !== null && discount !== null && qty * unitPrice - discount !== amount) {
      finding("amount_mismatch", "amount", item.amount);
    }
    if (item.productCode === "" || !reference.products.has(item.productCode)) {
      finding("unknown_product", "product_code", item.productCode);
    }
    rows.push([
      dialect.division,
      f.receiptKey,
      f.storeCode,
      f.posNo === "" ? null : f.posNo,
      trxAt,
      trxType,
      f.originalKey === "" ? null : f.originalKey,
      f.memberNo === "" ? null : f.memberNo,
      f.cardNo === "" ? null : f.cardNo,
      itemLine,
      item.productCode === "" ? null : item.productCode,
      qty,
      unitPrice,
      discount,
      amount,
      optionalInt(item.lineEarn, "line_earn_points"),
      optionalInt(item.lineUse, "line_use_points"),
      receiptEarn,
      receiptUse,
      f.coupons,
      total,
    ]);
  }
  if (total !== null && total !== sum) finding("total_mismatch", "total", f.total);
  return { type: "row", lineNo, table: "sale_line", rows, findings };
}
