import { describe, expect, it } from "vitest";
import { member } from "./fixtures.ts";
import { blockingKeys, compareRecords, deterministicKey, scorePair, THRESHOLDS } from "./score.ts";

const a = member({ division: "DPT", memberNo: "D1" });

describe("compareRecords", () => {
  it("scores a record against its own copy far above auto-merge", () => {
    const { score, evidence } = compareRecords(a, { ...a, division: "MART", memberNo: "7" });
    expect(score).toBeGreaterThanOrEqual(THRESHOLDS.autoMerge);
    expect(evidence).toEqual(["name:exact", "birth:equal", "phone:equal", "email:equal", "address:equal"]);
  });

  it("auto-merges a name typo with the same phone and birth date", () => {
    const b = member({ division: "SM", memberNo: "S", name: "김민중", email: null, address: null, zip: null });
    expect(scorePair(a, b)).toBeGreaterThanOrEqual(THRESHOLDS.autoMerge);
  });

  it("auto-merges a changed phone when name, birth date and full address agree", () => {
    const b = member({ division: "SM", memberNo: "S", phone: "010-9999-0000", email: "other@daum.net" });
    expect(scorePair(a, b)).toBeGreaterThanOrEqual(THRESHOLDS.autoMerge);
  });

  it("holds a namesake with the same birth date and e-mail handle for review, not merge", () => {
    const b = member({
      division: "SM",
      memberNo: "S",
      phone: "010-5555-1234",
      address: "서울특별시 강남구 중앙로 3",
      zip: "06100",
    });
    const score = scorePair(a, b);
    expect(score).toBeGreaterThanOrEqual(THRESHOLDS.review);
    expect(score).toBeLessThan(THRESHOLDS.autoMerge);
  });

  it("keeps apart a namesake who shares only name and birth date", () => {
    const b = member({
      division: "SM",
      memberNo: "S",
      phone: "010-5555-1234",
      email: "kim.minjun@gmail.com",
      address: "부산광역시 해운대구 중앙로 3",
      zip: "48011",
    });
    expect(scorePair(a, b)).toBeLessThan(THRESHOLDS.review);
  });

  it("keeps apart two people sharing a family phone", () => {
    const b = member({ division: "SM", memberNo: "S", name: "김서연", birthDate: "1987-11-02", gender: "F" });
    expect(scorePair(a, b)).toBeLessThan(THRESHOLDS.review);
  });

  it("counts a shared last 8 digits (011 → 010) as a phone match", () => {
    const old = member({ division: "SM", memberNo: "S", phone: "011-2345-6789" });
    expect(compareRecords(a, old).evidence).toContain("phone:last8");
  });

  it("counts a missing field as neither for nor against", () => {
    const b = { ...a, memberNo: "D2", birthDate: null };
    expect(scorePair(a, b)).toBe(scorePair(a, a) - 6);
  });
});

describe("keys", () => {
  it("builds the deterministic key from mobile + birth date + name only", () => {
    expect(deterministicKey(a)).toBe("01023456789|1985-03-07|김민준");
    expect(deterministicKey({ ...a, phone: "02-123-4567" })).toBeNull();
    expect(deterministicKey({ ...a, birthDate: null })).toBeNull();
  });

  it("blocks by phone (last 8 for mobiles), birth + surname, name + zip, e-mail + area", () => {
    expect(blockingKeys(a)).toEqual([
      "p8:23456789",
      "bn:1985-03-07:김",
      "nz:김민준:06164",
      "ez:minjun85@naver.com:061",
    ]);
    expect(blockingKeys({ ...a, phone: "02-123-4567" })[0]).toBe("p:021234567");
  });
});
