import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIFECYCLE_CONFIG,
  type LifecycleInput,
  lifecycleConfigSchema,
  lifecycleStage,
  lifecycleThresholds,
} from "./stage.ts";

const base: LifecycleInput = {
  daysSinceFirstPurchase: 400,
  daysSinceLastPurchase: 5,
  purchaseDays: 20,
  medianIntervalDays: 14,
  previousStage: "active",
  purchasedSincePrevious: true,
};

describe("lifecycleStage", () => {
  it("judges a customer with a rhythm against multiples of their own median interval", () => {
    // interval 14 → at risk past 28, dormant past 56, churned past 112 days.
    expect(lifecycleStage({ ...base, daysSinceLastPurchase: 28 })).toBe("active");
    expect(lifecycleStage({ ...base, daysSinceLastPurchase: 29 })).toBe("at_risk");
    expect(lifecycleStage({ ...base, daysSinceLastPurchase: 57 })).toBe("dormant");
    expect(lifecycleStage({ ...base, daysSinceLastPurchase: 113 })).toBe("churned");
  });

  it("uses fixed days for customers with fewer than three purchase days", () => {
    const few = { ...base, purchaseDays: 2, medianIntervalDays: undefined };
    expect(lifecycleStage({ ...few, daysSinceLastPurchase: 90 })).toBe("active");
    expect(lifecycleStage({ ...few, daysSinceLastPurchase: 91 })).toBe("at_risk");
    expect(lifecycleStage({ ...few, daysSinceLastPurchase: 181 })).toBe("dormant");
    expect(lifecycleStage({ ...few, daysSinceLastPurchase: 366 })).toBe("churned");
  });

  it("calls a first purchase within 30 days new", () => {
    expect(
      lifecycleStage({
        ...base,
        daysSinceFirstPurchase: 30,
        purchaseDays: 1,
        medianIntervalDays: undefined,
        previousStage: undefined,
      }),
    ).toBe("new");
    expect(
      lifecycleStage({ ...base, daysSinceFirstPurchase: 31, purchaseDays: 1, medianIntervalDays: undefined }),
    ).toBe("active");
  });

  it("calls a dormant or churned customer who bought again reactivated", () => {
    expect(lifecycleStage({ ...base, previousStage: "dormant" })).toBe("reactivated");
    expect(lifecycleStage({ ...base, previousStage: "churned" })).toBe("reactivated");
    expect(lifecycleStage({ ...base, previousStage: "at_risk" })).toBe("active");
    expect(lifecycleStage({ ...base, previousStage: "dormant", purchasedSincePrevious: false })).toBe("active");
  });

  it("lets recency win over a comeback, and a reactivated month is not a comeback of its own", () => {
    // Came back after the dormant snapshot but has been quiet past the at-risk mark again (2 × 14).
    expect(lifecycleStage({ ...base, previousStage: "dormant", daysSinceLastPurchase: 29 })).toBe("at_risk");
    expect(lifecycleStage({ ...base, previousStage: "reactivated" })).toBe("active");
    // A comeback outranks "new": a customer returning within newWithinDays of their first purchase is unusual but reactivated.
    expect(lifecycleStage({ ...base, previousStage: "churned", daysSinceFirstPurchase: 10 })).toBe("reactivated");
    expect(lifecycleStage({ ...base, previousStage: undefined })).toBe("active");
  });

  it("floors the interval so a daily shopper is not at risk after three quiet days", () => {
    expect(lifecycleThresholds(30, 1, DEFAULT_LIFECYCLE_CONFIG)).toEqual({
      atRiskDays: 14,
      dormantDays: 28,
      churnedDays: 56,
      rhythm: true,
    });
  });

  it("refuses multiples that do not grow", () => {
    expect(lifecycleConfigSchema.safeParse({ atRiskMultiple: 5, dormantMultiple: 4 }).success).toBe(false);
  });
});
