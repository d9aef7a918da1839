export { adjustPoints, PointsAdjustmentError, type PointsAdjustmentInput } from "./adjust.ts";
export { type PointsBalance, pointsBalanceOfMember } from "./balance.ts";
export {
  type ExpireResult,
  expirePoints,
  lockPointsLedger,
  retrueExpiries,
  runPointsExpiry,
  seoulToday,
} from "./expire.ts";
