export {
  type BasketComposition,
  expandCompositions,
  levelThresholds,
  mineBasketRules,
  RULE_LEVELS,
  type RuleLevel,
  readBasketCompositions,
} from "./basket-rules.ts";
export { withAnalyticsClient } from "./client.ts";
export { loadAnalyticsConfig, saveAnalyticsConfig } from "./config.ts";
export { type CrossSellQuery, type CrossSellRow, crossSellCandidates, crossSellQuerySchema } from "./cross-sell.ts";
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
export { computeRfmLifecycle, RFM_LIFECYCLE_COLUMNS } from "./rfm-lifecycle.ts";
export { refreshSegmentFacts } from "./segment-facts.ts";
export { refreshWindows, type Windows } from "./windows.ts";
