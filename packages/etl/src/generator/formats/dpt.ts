/** DPT (department store, legacy): CP949 CSV, CRLF, Korean headers, `EOF,<rows>` trailer. */
import { compactDate, partsOf, spacedDateTime } from "../calendar.ts";
import { wrongFieldCount } from "../faults.ts";
import type { Rng } from "../random.ts";
import type { MemberRecord, Product, Receipt, SaleLine, Store } from "../types.ts";
import { csvLine, withThousands } from "./csv.ts";
import type { FeedFormat, Row } from "./shared.ts";
import { ymdText, yn } from "./shared.ts";

const CHANGE = { insert: "I", update: "U", withdraw: "D" } as const;

/** Some stores' POS export 판매금액 with thousands separators (so the field gets quoted). */
export function usesThousands(storeCode: string): boolean {
  return Number(storeCode.replace(/\D/g, "")) % 3 === 1;
}

function memberRow(m: MemberRecord): string[] {
  const changedAt = spacedDateTime(partsOf(m.changedAt));
  if (m.change === "withdraw") return [m.memberNo, ...Array<string>(17).fill(""), CHANGE.withdraw, changedAt];
  return [
    m.memberNo,
    m.cardNo,
    m.name,
    m.gender === "M" ? "남" : m.gender === "F" ? "여" : "",
    m.birth ? ymdText(m.birth, "") : "",
    m.phone,
    m.email,
    m.zip,
    m.addr2 ? `${m.addr1}, ${m.addr2}` : m.addr1,
    m.joinedOn,
    m.joinStore,
    m.ci ?? "",
    yn(m.consents.sms),
    yn(m.consents.email),
    yn(m.consents.dm),
    yn(m.consents.tm),
    yn(m.consents.night),
    spacedDateTime(partsOf(m.consentAt)),
    CHANGE[m.change],
    changedAt,
  ];
}

/** A receipt's lines are written one after another: format its time once, not per line. */
let stampOf: Receipt | undefined;
let stamp = "";

function saleRow(r: Receipt, line: SaleLine | null): string[] {
  const l = line!;
  if (stampOf !== r) {
    stampOf = r;
    stamp = spacedDateTime(partsOf(r.at));
  }
  const storeCode = l.storeOverride ?? r.ref.storeCode;
  return [
    r.ref.id,
    storeCode,
    String(r.ref.posNo).padStart(2, "0"),
    l.invalidDate ? `${ymdText(l.invalidDate, "-")} ${stamp.slice(11)}` : stamp,
    r.type === "sale" ? "1" : "2",
    r.original?.id ?? "",
    r.memberNo ?? "",
    String(l.lineNo),
    l.productCode,
    String(l.qty),
    String(l.unitPrice),
    String(l.discount),
    usesThousands(r.ref.storeCode) ? withThousands(l.amount) : String(l.amount),
    String(r.earned),
    String(r.used),
    r.coupon ?? "",
  ];
}

export const dptFormat: FeedFormat = {
  division: "DPT",
  folder: "dpt",
  encoding: "cp949",
  eol: "\r\n",
  control: "trailer",
  brokenRowKind: "wrong_field_count",
  rowPerLine: true,
  files: {
    stores: "DPT_STORE.csv",
    products: "DPT_PRODUCT.csv",
    members: (day) => `DPT_MEMBER_${compactDate(day)}.csv`,
    sales: (day) => `DPT_SALES_${compactDate(day)}.csv`,
  },
  headers: {
    stores: "점포코드,점포명,시도,시군구,개점일,위도,경도",
    products: "상품코드,상품명,브랜드,분류코드,정상가",
    members:
      "회원번호,카드번호,성명,성별,생년월일,휴대폰,이메일,우편번호,주소,가입일,가입점포,CI,동의_SMS,동의_EMAIL,동의_DM,동의_TM,동의_야간,동의변경일시,변경구분,변경일시",
    sales:
      "영수증번호,점포코드,POS번호,거래일시,거래구분,원영수증번호,회원번호,라인번호,상품코드,수량,판매단가,할인금액,판매금액,적립포인트,사용포인트,쿠폰번호",
  },
  storeRow: (s: Store) => [s.code, s.name, s.sido, s.sigungu, s.openedOn, String(s.lat), String(s.lon)],
  productRow: (p: Product) => [p.code, p.name, p.brand, p.categoryCode, String(p.price)],
  memberRow,
  saleRow,
  render: (row: Row) => csvLine(row as string[]),
  renderBroken: (row: Row, rng: Rng) => csvLine(wrongFieldCount(row as string[], rng)),
};
