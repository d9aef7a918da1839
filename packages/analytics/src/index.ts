export { withAnalyticsClient } from "./client.ts";
export { loadAnalyticsConfig, saveAnalyticsConfig } from "./config.ts";
export { dayFromIso, isoFromDay, seoulYesterday } from "./days.ts";
export {
  createAnalyticsRun,
  REFRESH_STEPS,
  type RefreshOptions,
  type RefreshProgress,
  type RefreshResult,
  type RefreshStep,
  runAnalyticsRefresh,
} from "./refresh.ts";
