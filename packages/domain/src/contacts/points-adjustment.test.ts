import { expect, it } from "vitest";
import { checkPointsAdjustment } from "./points-adjustment.ts";

it("needs a whole, non-zero, bounded amount and a real reason", () => {
  const reason = "배송 지연 보상";
  expect(checkPointsAdjustment({ points: 1000, reason }, 0)).toBeNull();
  expect(checkPointsAdjustment({ points: 0, reason }, 0)).toBe("zero");
  expect(checkPointsAdjustment({ points: 1.5, reason }, 0)).toBe("not_integer");
  expect(checkPointsAdjustment({ points: 2_000_000, reason }, 0)).toBe("too_large");
  expect(checkPointsAdjustment({ points: 100, reason: " 보상 " }, 0)).toBe("reason_short");
  expect(checkPointsAdjustment({ points: 100, reason: "x".repeat(501) }, 0)).toBe("reason_long");
});

it("never takes the balance below zero", () => {
  expect(checkPointsAdjustment({ points: -500, reason: "중복 적립 정정" }, 500)).toBeNull();
  expect(checkPointsAdjustment({ points: -501, reason: "중복 적립 정정" }, 500)).toBe("below_zero");
});
