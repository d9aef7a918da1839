import { describe, expect, it } from "vitest";
import { intervalText, pointsText, pValueText, rateText, roiText, significanceOf } from "./figures.ts";

describe("measurement figures as printed", () => {
  it("prints rates, points, ROI and p-values, a dash for what was not computed", () => {
    expect(rateText(0.1234)).toBe("12.3%");
    expect(pointsText(0.0123)).toBe("+1.23%p");
    expect(pointsText(-0.005)).toBe("−0.50%p");
    expect(roiText(1.5)).toBe("+150.0%");
    expect(roiText(-0.25)).toBe("−25.0%");
    expect(pValueText(0.0001)).toBe("< 0.001");
    expect(pValueText(0.04567)).toBe("0.046");
    expect(intervalText({ low: -0.01, high: 0.02 })).toBe("−1.00%p ~ +2.00%p");
    for (const f of [rateText, pointsText, roiText, pValueText]) expect(f(null)).toBe("—");
    expect(intervalText(null)).toBe("—");
  });

  it("calls a difference significant below p = 0.05 only", () => {
    expect(significanceOf(0.049)).toBe("significant");
    expect(significanceOf(0.05)).toBe("not_significant");
    expect(significanceOf(null)).toBe("no_test");
  });
});
