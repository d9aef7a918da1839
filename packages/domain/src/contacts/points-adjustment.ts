/** A manual points adjustment by the CRM team (PointKind ADJUST, reason required, audited). */
export interface PointsAdjustment {
  points: number;
  reason: string;
}

export const ADJUSTMENT_MAX_POINTS = 1_000_000;
export const ADJUSTMENT_REASON_MIN = 5;
export const ADJUSTMENT_REASON_MAX = 500;

export type AdjustmentRefusal = "zero" | "not_integer" | "too_large" | "reason_short" | "reason_long" | "below_zero";

/**
 * Refuses what a reviewer could not defend afterwards: no reason (or a token one), an amount
 * outside any real goodwill gesture, or a deduction that takes the balance below zero (points
 * the customer no longer has cannot be taken back by hand).
 */
export function checkPointsAdjustment(adjustment: PointsAdjustment, balance: number): AdjustmentRefusal | null {
  const { points } = adjustment;
  const reason = adjustment.reason.trim();
  if (!Number.isInteger(points)) return "not_integer";
  if (points === 0) return "zero";
  if (Math.abs(points) > ADJUSTMENT_MAX_POINTS) return "too_large";
  if (Array.from(reason).length < ADJUSTMENT_REASON_MIN) return "reason_short";
  if (Array.from(reason).length > ADJUSTMENT_REASON_MAX) return "reason_long";
  if (points < 0 && balance + points < 0) return "below_zero";
  return null;
}
