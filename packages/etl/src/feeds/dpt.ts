import { splitCsvLine } from "./csv.ts";
import type { DelimitedLayout } from "./delimited.ts";
import { parseSeoulTimestamp } from "./fields.ts";
import { decodeCp949 } from "./file-checks.ts";
import { toProduct, toStore } from "./masters.ts";
import { type MemberDialect, toMember } from "./members.ts";
import { type SaleDialect, toSale } from "./sales.ts";
import type { FeedKind } from "./types.ts";

const member: MemberDialect = {
  division: "DPT",
  memberNo: /^D\d{9}$/,
  genders: { 남: "M", 여: "F" },
  changeTypes: { I: "insert", U: "update", D: "withdraw" },
  yes: "Y",
  no: "N",
  timestamp: parseSeoulTimestamp,
};

const sale: SaleDialect = {
  division: "DPT",
  trxTypes: { "1": "SALE", "2": "RETURN" },
  timestamp: parseSeoulTimestamp,
  amountSeparators: true,
};

const base = { decode: decodeCp949, split: splitCsvLine, trailer: true, control: false } as const;

/** DPT legacy exports: CP949 CSV, Korean header, `EOF,<n>` trailer on every file. */
export const DPT_LAYOUTS: Partial<Record<FeedKind, DelimitedLayout>> = {
  store: {
    ...base,
    header: ["점포코드", "점포명", "시도", "시군구", "개점일", "위도", "경도"],
    build: (f, lineNo, raw) => toStore("DPT", f, lineNo, raw),
  },
  product: {
    ...base,
    header: ["상품코드", "상품명", "브랜드", "분류코드", "정상가"],
    build: (f, lineNo, raw) => toProduct("DPT", f, lineNo, raw),
  },
  member: {
    ...base,
    header: [
      "회원번호",
      "카드번호",
      "성명",
      "성별",
      "생년월일",
      "휴대폰",
      "이메일",
      "우편번호",
      "주소",
      "가입일",
      "가입점포",
      "CI",
      "동의_SMS",
      "동의_EMAIL",
      "동의_DM",
      "동의_TM",
      "동의_야간",
      "동의변경일시",
      "변경구분",
      "변경일시",
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
          address2: "",
          joinDate: f[9]!,
          joinStore: f[10]!,
          ci: f[11]!,
          consents: [f[12]!, f[13]!, f[14]!, f[15]!, f[16]!],
          consentAt: f[17]!,
          changeType: f[18]!,
          changedAt: f[19]!,
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
      "영수증번호",
      "점포코드",
      "POS번호",
      "거래일시",
      "거래구분",
      "원영수증번호",
      "회원번호",
      "라인번호",
      "상품코드",
      "수량",
      "판매단가",
      "할인금액",
      "판매금액",
      "적립포인트",
      "사용포인트",
      "쿠폰번호",
    ],
    build: (f, lineNo, raw, options) =>
      toSale(
        {
          receiptKey: f[0]!,
          storeCode: f[1]!,
          posNo: f[2]!,
          trxAt: f[3]!,
          trxType: f[4]!,
          originalKey: f[5]!,
          memberNo: f[6]!,
          cardNo: "",
          receiptEarn: f[13]!,
          receiptUse: f[14]!,
          coupons: f[15] ? [f[15]] : [],
          total: "",
          items: [
            {
              itemLine: f[7]!,
              productCode: f[8]!,
              qty: f[9]!,
              unitPrice: f[10]!,
              discount: f[11]!,
              amount: f[12]!,
              lineEarn: "",
              lineUse: "",
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
