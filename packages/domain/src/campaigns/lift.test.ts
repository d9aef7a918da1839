import { describe, expect, it } from "vitest";
import { type GroupFigures, liftReport, pooledZTest, waldInterval } from "./lift.ts";

/*
 * The fixed case, by hand:
 *   target  1000 customers, 120 responded, revenue 6,000,000 won, gross margin 1,500,000 won
 *   control  100 customers,   8 responded, revenue   400,000 won, gross margin   100,000 won
 *   cost 200,000 won
 *
 *   rates 120/1000 = 0.12 and 8/100 = 0.08 → difference 0.04, relative lift 0.04/0.08 = 0.5
 *   incremental responders (0.12 − 0.08) × 1000 = 40
 *   incremental revenue    (6000 − 4000) won/customer × 1000 = 2,000,000
 *   incremental margin     (1500 − 1000) won/customer × 1000 =   500,000
 *   ROI (500,000 − 200,000) / 200,000 = 1.5
 *
 *   pooled p̂ = 128/1100 = 0.1163636…
 *   se = √(0.1163636 × 0.8836364 × (1/1000 + 1/100)) = √(0.1028231 × 0.011) = 0.03363115
 *   z = 0.04 / 0.03363115 = 1.1893734, two-sided p = 2·Φ(−1.1893734) = 0.2342928 (not significant)
 *   unpooled se = √(0.12·0.88/1000 + 0.08·0.92/100) = √(0.0001056 + 0.000736) = 0.02901034
 *   95% CI 0.04 ± 1.959964 × 0.02901034 = 0.04 ± 0.05685923 → [−0.01685923, 0.09685923]
 */
const target: GroupFigures = { size: 1000, responders: 120, revenue: 6_000_000, grossMargin: 1_500_000 };
const control: GroupFigures = { size: 100, responders: 8, revenue: 400_000, grossMargin: 100_000 };

describe("liftReport", () => {
  const report = liftReport({ target, control, cost: 200_000 });

  it("matches the hand computation of rates, increments and ROI", () => {
    expect(report.target.responseRate).toBe(0.12);
    expect(report.control.responseRate).toBe(0.08);
    expect(report.target.revenuePerCustomer).toBe(6000);
    expect(report.control.grossMarginPerCustomer).toBe(1000);
    expect(report.rateDifference).toBeCloseTo(0.04, 12);
    expect(report.relativeLift).toBeCloseTo(0.5, 12);
    expect(report.incrementalResponders).toBeCloseTo(40, 9);
    expect(report.incrementalRevenue).toBe(2_000_000);
    expect(report.incrementalGrossMargin).toBe(500_000);
    expect(report.cost).toBe(200_000);
    expect(report.roi).toBe(1.5);
  });

  it("matches the hand computation of the z-test and the interval", () => {
    expect(report.zTest?.z).toBeCloseTo(1.18937338691344, 12);
    expect(report.zTest?.pValue).toBeCloseTo(0.234292768509127, 12);
    expect(report.confidenceInterval95?.low).toBeCloseTo(-0.0168592278746266, 12);
    expect(report.confidenceInterval95?.high).toBeCloseTo(0.0968592278746266, 12);
  });

  it("turns ROI negative when the added margin does not pay for the campaign", () => {
    expect(liftReport({ target, control, cost: 1_000_000 }).roi).toBe(-0.5);
    expect(liftReport({ target, control, cost: 500_000 }).roi).toBe(0);
  });

  it("reports a negative lift and a negative z when the control group did better", () => {
    const worse = liftReport({ target: control, control: target, cost: 10_000 });
    expect(worse.rateDifference).toBeCloseTo(-0.04, 12);
    expect(worse.incrementalResponders).toBeCloseTo(-4, 9); // scaled to the (now 100) target
    expect(worse.incrementalGrossMargin).toBe(-50_000);
    expect(worse.roi).toBe(-6);
    expect(worse.zTest?.z).toBeCloseTo(-1.18937338691344, 12);
    expect(worse.zTest?.pValue).toBeCloseTo(0.234292768509127, 12);
  });

  it("has no ROI for a campaign that cost nothing", () => {
    expect(liftReport({ target, control, cost: 0 }).roi).toBeNull();
  });

  it("has no comparison at all without a control group", () => {
    const none = liftReport({ target, control: { size: 0, responders: 0, revenue: 0, grossMargin: 0 }, cost: 1 });
    expect(none.target.responseRate).toBe(0.12);
    expect(none.control.responseRate).toBeNull();
    for (const key of [
      "rateDifference",
      "relativeLift",
      "incrementalResponders",
      "incrementalRevenue",
      "incrementalGrossMargin",
      "roi",
      "zTest",
      "confidenceInterval95",
    ] as const) {
      expect(none[key]).toBeNull();
    }
  });

  it("has no relative lift when nobody in the control group responded, but still a test", () => {
    const r = liftReport({ target, control: { ...control, responders: 0 }, cost: 1 });
    expect(r.relativeLift).toBeNull();
    expect(r.rateDifference).toBe(0.12);
    expect(r.zTest).not.toBeNull();
  });

  it("returns nulls, never NaN or Infinity, when nobody (or everybody) responded in both groups", () => {
    for (const responders of [0, 1] as const) {
      const r = liftReport({
        target: { ...target, responders: responders * target.size },
        control: { ...control, responders: responders * control.size },
        cost: 0,
      });
      expect(r.zTest).toBeNull();
      expect(r.confidenceInterval95).toBeNull();
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      expect(r.rateDifference).toBe(0);
    }
  });

  it("refuses figures that cannot be counts or amounts", () => {
    expect(() => liftReport({ target: { ...target, responders: 1001 }, control, cost: 0 })).toThrow(RangeError);
    expect(() => liftReport({ target: { ...target, size: 10.5 }, control, cost: 0 })).toThrow(RangeError);
    expect(() => liftReport({ target, control: { ...control, revenue: Number.NaN }, cost: 0 })).toThrow(RangeError);
    expect(() => liftReport({ target, control, cost: -1 })).toThrow(RangeError);
  });

  it("accepts negative revenue (returns outweighing purchases)", () => {
    const r = liftReport({ target, control: { ...control, revenue: -100_000 }, cost: 1 });
    expect(r.incrementalRevenue).toBe(7_000_000);
  });
});

describe("pooledZTest", () => {
  it("is 0 with p = 1 when both rates are equal", () => {
    expect(pooledZTest({ size: 200, responders: 20 }, { size: 50, responders: 5 })).toEqual({ z: 0, pValue: 1 });
  });

  it("gives a small p-value for a large, clear difference", () => {
    // p̂ = 0.15, se = √(0.15 × 0.85 × 2/10000) = 0.00504975, z = 0.1 / 0.00504975 = 19.8030
    const r = pooledZTest({ size: 10_000, responders: 2_000 }, { size: 10_000, responders: 1_000 });
    expect(r?.z).toBeCloseTo(19.80295, 4);
    expect(r?.pValue).toBeGreaterThan(0);
    expect(r?.pValue).toBeLessThan(1e-80);
  });
});

describe("waldInterval", () => {
  it("uses the rates' own variances, so a zero control rate still gives an interval from the target's", () => {
    // se = √(0.5 × 0.5 / 100) = 0.05 → 0.5 ± 1.959964 × 0.05
    const ci = waldInterval({ size: 100, responders: 50 }, { size: 40, responders: 0 });
    expect(ci?.low).toBeCloseTo(0.5 - 0.0979982, 7);
    expect(ci?.high).toBeCloseTo(0.5 + 0.0979982, 7);
  });

  it("widens with a higher confidence multiplier", () => {
    const ci = waldInterval({ size: 100, responders: 50 }, { size: 40, responders: 0 }, 2.575829);
    expect(ci?.high).toBeCloseTo(0.5 + 2.575829 * 0.05, 7);
  });
});
