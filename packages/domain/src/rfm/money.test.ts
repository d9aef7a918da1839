import { describe, expect, it } from "vitest";
import { formatCentsLikePython, parseMoney, roundToCents } from "./money.ts";

describe("parseMoney", () => {
  it("reads decimals exactly in ten-thousandths", () => {
    expect(parseMoney("2.55")).toBe(25_500);
    expect(parseMoney("0.001")).toBe(10);
    expect(parseMoney("-11062.06")).toBe(-110_620_600);
    expect(parseMoney("7")).toBe(70_000);
    expect(parseMoney(".5")).toBe(5_000);
  });

  it("refuses what is not a plain decimal with at most four decimals", () => {
    expect(parseMoney("1e3")).toBeUndefined();
    expect(parseMoney("2.55555")).toBeUndefined();
    expect(parseMoney("NA")).toBeUndefined();
    expect(parseMoney("")).toBeUndefined();
  });
});

describe("roundToCents", () => {
  it("rounds fractions of a cent to the nearest cent, halves to even", () => {
    expect(roundToCents(5_724_510)).toBe(57_245);
    expect(roundToCents(5_724_560)).toBe(57_246);
    expect(roundToCents(250)).toBe(2);
    expect(roundToCents(150)).toBe(2);
    expect(roundToCents(-150)).toBe(-2);
    expect(roundToCents(-10)).toBe(0);
  });
});

describe("formatCentsLikePython", () => {
  it("prints as Python prints a float rounded to two decimals", () => {
    expect(formatCentsLikePython(431_000)).toBe("4310.0");
    expect(formatCentsLikePython(179_724)).toBe("1797.24");
    expect(formatCentsLikePython(-4_340)).toBe("-43.4");
    expect(formatCentsLikePython(5)).toBe("0.05");
    expect(formatCentsLikePython(0)).toBe("0.0");
  });
});
