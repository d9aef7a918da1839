export {
  type ExpireResult,
  expirePoints,
  lockPointsLedger,
  retrueExpiries,
  runPointsExpiry,
  seoulToday,
} from "./expire.ts";
