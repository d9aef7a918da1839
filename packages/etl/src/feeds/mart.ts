import type { DelimitedLayout } from "./delimited.ts";
import { parseSeoulTimestamp } from "./fields.ts";
import { decodeUtf8 } from "./file-checks.ts";
import { toProduct, toStore } from "./masters.ts";
import { type MemberDialect, toMember } from "./members.ts";
import { type SaleDialect, toSale } from "./sales.ts";
import type { FeedKind } from "./types.ts";

const member: MemberDialect = {
  division: "MART",
  memberNo: /^\d{10}$/,
  genders: { M: "M", F: "F" },
  changeTypes: { N: "insert", C: "update", W: "withdraw" },
  yes: "1",
  no: "0",
  timestamp: parseSeoulTimestamp,
};

const sale: SaleDialect = {
  division: "MART",
  trxTypes: { S: "SALE", R: "RETURN" },
  timestamp: parseSeoulTimestamp,
  amountSeparators: false,
};

/** MART never quotes and a field never holds a pipe, so a plain split is exact. */
const base = { decode: decodeUtf8, split: (text: string) => text.split("|"), trailer: false, control: true } as const;

/** A MART receipt is identified by (store_cd, trx_ymd, pos_no, trx_no). */
function receiptKey(store: string, ymd: string, pos: string, trx: string): string {
  return store === "" && ymd === "" && pos === "" && trx === "" ? "" : `${store}|${ymd}|${pos}|${trx}`;
}

/** MART exports: UTF-8 pipe-separated with a `.ctl` (row_count, md5) beside each file. */
export const MART_LAYOUTS: Partial<Record<FeedKind, DelimitedLayout>> = {
  store: {
    ...base,
    header: ["store_cd", "store_nm", "sido", "sigungu", "open_ymd", "lat", "lon"],
    build: (f, lineNo, raw) => toStore("MART", f, lineNo, raw),
  },
  product: {
    ...base,
    header: ["item_cd", "item_nm", "brand", "mart_cat_cd", "list_price"],
    build: (f, lineNo, raw) => toProduct("MART", f, lineNo, raw),
  },
  member: {
    ...base,
    header: [
      "member_no",
      "card_no",
      "name",
      "gender",
      "birth_ymd",
      "mobile",
      "email",
      "zip",
      "addr1",
      "addr2",
      "join_ymd",
      "join_store",
      "ci",
      "agree_sms",
      "agree_email",
      "agree_dm",
      "agree_tm",
      "agree_night",
      "agree_dt",
      "chg_type",
      "chg_dt",
    ],
    build: (f, lineNo, raw, options) =>
      toMember(
        {
          memberNo: f[0]!,
          cardNo: f[1]!,
          name: f[2]!,
          gender: f[3]!,
          birthDate: f[4]!,
          phone: f[5]!,
          email: f[6]!,
          zip: f[7]!,
          address1: f[8]!,
          address2: f[9]!,
          joinDate: f[10]!,
          joinStore: f[11]!,
          ci: f[12]!,
          consents: [f[13]!, f[14]!, f[15]!, f[16]!, f[17]!],
          consentAt: f[18]!,
          changeType: f[19]!,
          changedAt: f[20]!,
        },
        member,
        lineNo,
        raw,
        options.businessDate,
      ),
  },
  sales: {
    ...base,
    header: [
      "store_cd",
      "pos_no",
      "trx_no",
      "trx_ymd",
      "trx_hms",
      "trx_type",
      "org_store_cd",
      "org_trx_ymd",
      "org_pos_no",
      "org_trx_no",
      "member_no",
      "line_no",
      "item_cd",
      "qty",
      "unit_price",
      "dc_amt",
      "sale_amt",
      "earn_pt",
      "use_pt",
      "coupon_no",
    ],
    build: (f, lineNo, raw, options) =>
      toSale(
        {
          receiptKey: receiptKey(f[0]!, f[3]!, f[1]!, f[2]!),
          storeCode: f[0]!,
          posNo: f[1]!,
          trxAt: `${f[3]}${f[4]}`,
          trxType: f[5]!,
          originalKey: receiptKey(f[6]!, f[7]!, f[8]!, f[9]!),
          memberNo: f[10]!,
          cardNo: "",
          receiptEarn: "",
          receiptUse: "",
          coupons: f[19] ? [f[19]] : [],
          total: "",
          items: [
            {
              itemLine: f[11]!,
              productCode: f[12]!,
              qty: f[13]!,
              unitPrice: f[14]!,
              discount: f[15]!,
              amount: f[16]!,
              lineEarn: f[17]!,
              lineUse: f[18]!,
            },
          ],
        },
        sale,
        options.reference!,
        lineNo,
        raw,
      ),
  },
};
