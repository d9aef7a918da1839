import { describe, expect, it } from "vitest";
import { editDistance, jamoDistance, nameSimilarity, toJamo } from "./jamo.ts";

describe("jamo", () => {
  it("splits a syllable into 초성, 중성 and 종성", () => {
    expect(toJamo("민")).toEqual([0x1106, 0x1175, 0x11ab]); // ㅁ ㅣ ㄴ
    expect(toJamo("가")).toEqual([0x1100, 0x1161]); // no 종성
  });

  it("counts a clerk's slip as one edit, not a whole syllable", () => {
    expect(jamoDistance("김민준", "김민중")).toBe(1); // ㄴ → ㅇ
    expect(jamoDistance("이세연", "이새연")).toBe(1); // ㅔ → ㅐ
    expect(jamoDistance("박지우", "박지운")).toBe(1); // 종성 added
    expect(jamoDistance("김민준", "김민준")).toBe(0);
  });

  it("keeps different names apart", () => {
    expect(jamoDistance("김민준", "이서연")).toBeGreaterThan(3);
  });

  it("scores similarity over jamo", () => {
    expect(nameSimilarity("김민준", "김민준")).toBe(1);
    expect(nameSimilarity("김민준", "김민중")).toBeCloseTo(1 - 1 / 9);
  });

  it("compares non-Hangul letters case-insensitively", () => {
    expect(jamoDistance("John", "JOHN")).toBe(0);
    expect(editDistance([1, 2, 3], [1, 3])).toBe(1);
  });
});
