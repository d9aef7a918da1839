import { describe, expect, it } from "vitest";
import { dayFromIso } from "../calendar.ts";
import type { MemberRecord, Receipt } from "../types.ts";
import { csvLine } from "./csv.ts";
import { usesThousands } from "./dpt.ts";
import { FORMATS } from "./index.ts";

const day = dayFromIso("2025-03-02");
const member: MemberRecord = {
  memberNo: "D000000001",
  cardNo: "9410000000000001",
  name: "김민준",
  gender: "M",
  birth: { y: 1985, m: 4, d: 9 },
  phone: "010-1234-5678",
  email: "minjun85@naver.com",
  zip: "06123",
  addr1: "서울특별시 강남구 중앙로 12",
  addr2: "101동 1203호",
  joinedOn: "2020-01-05",
  joinStore: "D02",
  ci: null,
  consents: { sms: true, email: false, dm: false, tm: false, night: true },
  consentAt: day * 86_400 + 3600 * 10,
  change: "insert",
  changedAt: day * 86_400 + 3600 * 11,
};
const receipt: Receipt = {
  division: "DPT",
  ref: { id: "20250302D0203000001", storeCode: "D02", posNo: 3, trxNo: 1, day },
  at: day * 86_400 + 3600 * 15,
  type: "sale",
  original: null,
  memberNo: "D000000001",
  cardNo: "9410000000000001",
  memberSlot: 0,
  lines: [
    {
      lineNo: 1,
      productCode: "D100001",
      qty: 1,
      unitPrice: 1_234_000,
      discount: 0,
      amount: 1_234_000,
      earned: 0,
      used: 0,
    },
  ],
  earned: 12340,
  used: 0,
  coupon: null,
};

describe("division formats", () => {
  it("quotes CSV fields only when they hold a comma or a quote", () => {
    expect(csvLine(["a", "b,c", 'd"e'])).toBe('a,"b,c","d""e"');
  });

  it("writes a DPT member with Korean gender, a one-line quoted address and the header's field count", () => {
    const dpt = FORMATS.DPT;
    const line = dpt.render(dpt.memberRow(member));
    expect(line).toContain(",남,19850409,010-1234-5678,");
    expect(line).toContain('"서울특별시 강남구 중앙로 12, 101동 1203호"');
    expect(dpt.memberRow(member)).toHaveLength(dpt.headers.members!.split(",").length);
    expect(dpt.memberRow({ ...member, change: "withdraw" })).toHaveLength(20);
  });

  it("writes DPT amounts with thousands separators for some stores", () => {
    const dpt = FORMATS.DPT;
    const line = dpt.render(dpt.saleRow(receipt, receipt.lines[0]!));
    expect(line).toContain(usesThousands("D02") ? '"1,234,000"' : ",1234000,");
  });

  it("writes MART rows with one pipe-separated field per header column", () => {
    const mart = FORMATS.MART;
    const columns = mart.headers.members!.split("|").length;
    expect(mart.render(mart.memberRow(member)).split("|")).toHaveLength(columns);
    expect(mart.render(mart.memberRow({ ...member, change: "withdraw" })).split("|")).toHaveLength(columns);
    const sale = mart.render(mart.saleRow({ ...receipt, division: "MART" }, receipt.lines[0]!)).split("|");
    expect(sale).toHaveLength(mart.headers.sales!.split("|").length);
    expect(sale.slice(3, 5)).toEqual(["20250302", "150000"]);
  });

  it("writes SM receipts as JSON with ISO times and the total of the items", () => {
    const sm = FORMATS.SM;
    const json = JSON.parse(sm.render(sm.saleRow({ ...receipt, division: "SM" }, null)));
    expect(json).toMatchObject({ issuedAt: "2025-03-02T15:00:00+09:00", type: "SALE", total: 1_234_000, posNo: 3 });
    const withdrawn = JSON.parse(sm.render(sm.memberRow({ ...member, change: "withdraw" })));
    expect(withdrawn).toMatchObject({ memberId: "D000000001", name: null, change: "WITHDRAW" });
  });
});
