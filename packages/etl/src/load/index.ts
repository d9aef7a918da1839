export { eraseWithdrawn, type Withdrawal } from "./erase.ts";
export { type LoadBatchResult, loadPendingBatches, StagingLostError, WAREHOUSE_TABLES } from "./load-batch.ts";
export { loadMaster } from "./masters.ts";
export { loadMembers, recomputeConsent, recomputeGolden } from "./members.ts";
export { loadPoints } from "./points.ts";
export { loadSales } from "./sales.ts";
