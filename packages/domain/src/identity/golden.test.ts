import { describe, expect, it } from "vitest";
import { member } from "./fixtures.ts";
import { buildGolden } from "./golden.ts";

const CI = "c".repeat(64);
const at = (day: string) => new Date(`${day}T12:00:00+09:00`);

describe("buildGolden", () => {
  const verifiedOld = member({
    division: "DPT",
    memberNo: "D1",
    ciHash: CI,
    name: "김민준",
    phone: "010-1111-1111",
    address: "서울특별시 강남구 테헤란로 12",
    zip: "06164",
    changedAt: at("2024-01-01"),
  });
  const unverifiedNew = member({
    division: "SM",
    memberNo: "S1",
    name: "김민중",
    phone: "010-2222-2222",
    birthDate: "1985-03-08",
    address: "경기도 하남시 미사대로 5",
    zip: "12900",
    changedAt: at("2025-06-01"),
  });

  it("takes identity fields from the CI-verified record even when another is newer", () => {
    const g = buildGolden([unverifiedNew, verifiedOld]);
    expect(g.name).toBe("김민준");
    expect(g.birthDate).toBe("1985-03-07");
    expect(g.ciHash).toBe(CI);
    expect(g.sources.name).toEqual({ division: "DPT", memberNo: "D1" });
  });

  it("takes contact fields from the newest record, zip and address together", () => {
    const g = buildGolden([verifiedOld, unverifiedNew]);
    expect(g.phone).toBe("010-2222-2222");
    expect(g.address).toBe("경기도 하남시 미사대로 5");
    expect(g.zip).toBe("12900");
  });

  it("keeps every losing value as history with its source", () => {
    const g = buildGolden([verifiedOld, unverifiedNew]);
    expect(g.history).toEqual(
      expect.arrayContaining([
        { field: "name", value: "김민중", division: "SM", memberNo: "S1", changedAt: at("2025-06-01") },
        { field: "phone", value: "010-1111-1111", division: "DPT", memberNo: "D1", changedAt: at("2024-01-01") },
        { field: "zip", value: "06164", division: "DPT", memberNo: "D1", changedAt: at("2024-01-01") },
        expect.objectContaining({ field: "address", value: "서울특별시 강남구 테헤란로 12" }),
        expect.objectContaining({ field: "birthDate", value: "1985-03-08" }),
      ]),
    );
    expect(g.history.some((h) => h.field === "email")).toBe(false); // both held the same e-mail
  });

  it("lets a valid value beat a newer invalid one", () => {
    const bad = member({ division: "SM", memberNo: "S1", email: "minjun#naver.com", changedAt: at("2025-09-01") });
    const good = member({ division: "DPT", memberNo: "D1", email: "minjun@daum.net", changedAt: at("2024-01-01") });
    expect(buildGolden([bad, good]).email).toBe("minjun@daum.net");
  });

  it("leaves a field empty when no record holds a valid value", () => {
    const g = buildGolden([member({ division: "SM", memberNo: "S1", phone: "010-12", birthDate: "1985-02-30" })]);
    expect(g.phone).toBeNull();
    expect(g.birthDate).toBeNull();
  });

  it("breaks exact ties the same way every time", () => {
    const x = member({ division: "MART", memberNo: "M1", phone: "010-3333-3333" });
    const y = member({ division: "DPT", memberNo: "D1", phone: "010-4444-4444" });
    expect(buildGolden([x, y]).phone).toBe(buildGolden([y, x]).phone);
  });
});
