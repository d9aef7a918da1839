import { describe, expect, it } from "vitest";
import { cleanseSido, RegionMaster, SIDO } from "./region.ts";

const MASTER = new RegionMaster([
  { sido: "서울특별시", sigungu: "강남구" },
  { sido: "서울특별시", sigungu: "중구" },
  { sido: "대전광역시", sigungu: "서구" },
  { sido: "광주광역시", sigungu: "서구" },
  { sido: "경기도", sigungu: "수원시 영통구" },
  { sido: "경기도", sigungu: "부천시" },
  { sido: "세종특별자치시", sigungu: "세종시" },
  { sido: "강원특별자치도", sigungu: "춘천시" },
]);

describe("cleanseSido", () => {
  it("has the 17 시/도", () => {
    expect(SIDO).toHaveLength(17);
  });

  it.each([
    ["서울", "서울특별시"],
    ["서울시", "서울특별시"],
    ["서울특별시", "서울특별시"],
    [" 서울 특별시 ", "서울특별시"],
    ["Seoul", "서울특별시"],
    ["경기", "경기도"],
    ["강원도", "강원특별자치도"],
    ["강원", "강원특별자치도"],
    ["전라북도", "전북특별자치도"],
    ["전북", "전북특별자치도"],
    ["충남", "충청남도"],
    ["경북", "경상북도"],
    ["세종시", "세종특별자치시"],
    ["제주도", "제주특별자치도"],
    ["부산시", "부산광역시"],
  ])("%s → %s", (raw, sido) => {
    expect(cleanseSido(raw)).toEqual({ value: sido });
  });

  it("flags an unknown name", () => {
    expect(cleanseSido("서울도")).toEqual({ finding: { kind: "unknown_sido", raw: "서울도" } });
  });

  it("treats blank as absent", () => {
    expect(cleanseSido("")).toEqual({ value: null });
  });
});

describe("RegionMaster", () => {
  it("matches the master's spelling, spaces ignored", () => {
    expect(MASTER.sigungu("경기도", "수원시영통구")).toEqual({ value: { sido: "경기도", sigungu: "수원시 영통구" } });
    expect(MASTER.sigungu("서울특별시", "강남구")).toEqual({ value: { sido: "서울특별시", sigungu: "강남구" } });
  });

  it("matches the shortened forms people write", () => {
    expect(MASTER.sigungu("서울특별시", "강남")).toEqual({ value: { sido: "서울특별시", sigungu: "강남구" } });
    expect(MASTER.sigungu("경기도", "영통구")).toEqual({ value: { sido: "경기도", sigungu: "수원시 영통구" } });
    expect(MASTER.sigungu("경기도", "수원 영통")).toEqual({ value: { sido: "경기도", sigungu: "수원시 영통구" } });
    expect(MASTER.sigungu("경기도", "부천")).toEqual({ value: { sido: "경기도", sigungu: "부천시" } });
  });

  it("finds a unique 시/군/구 without its 시/도", () => {
    expect(MASTER.sigungu(null, "강남구")).toEqual({ value: { sido: "서울특별시", sigungu: "강남구" } });
  });

  it("needs the 시/도 for a name that exists in several", () => {
    expect(MASTER.sigungu(null, "서구")).toEqual({ finding: { kind: "unknown_sigungu", raw: "서구" } });
    expect(MASTER.sigungu("대전광역시", "서구")).toEqual({ value: { sido: "대전광역시", sigungu: "서구" } });
  });

  it("does not shorten two-syllable names to one syllable", () => {
    expect(MASTER.sigungu("서울특별시", "중")).toEqual({ finding: { kind: "unknown_sigungu", raw: "중" } });
  });

  it("flags a 시/군/구 that is not in the master", () => {
    expect(MASTER.sigungu("서울특별시", "해운대구")).toEqual({ finding: { kind: "unknown_sigungu", raw: "해운대구" } });
  });

  it("reads the region at the head of an address", () => {
    expect(MASTER.regionOfAddress("서울 강남구 테헤란로 1, 101동 202호")).toEqual({
      sido: "서울특별시",
      sigungu: "강남구",
    });
    expect(MASTER.regionOfAddress("경기도 수원시 영통구 중앙로 12")).toEqual({
      sido: "경기도",
      sigungu: "수원시 영통구",
    });
    expect(MASTER.regionOfAddress("강원도 춘천시 중앙로 3")).toEqual({ sido: "강원특별자치도", sigungu: "춘천시" });
    expect(MASTER.regionOfAddress("테헤란로 1")).toBeNull();
  });
});
