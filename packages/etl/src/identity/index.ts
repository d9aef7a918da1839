/** Identity resolution's manual side: review decisions, unmerge, and the merge machinery they share with the ETL. */
export { type IdentityActionCode, IdentityActionError, IdentityReviewError, UnmergeError } from "./errors.ts";
export { type PairwiseQuality, pairwiseQuality, readIdentityTruth } from "./evaluate.ts";
export { applyMerges, keptApartPairs, lockIdentity, type MergeSpec } from "./merge.ts";
export {
  type ReviewDecisionInput,
  type ReviewDecisionResult,
  resolveIdentityReview,
  reviewDecisionSchema,
} from "./review.ts";
export {
  type ConsentChannel,
  confirmContactDetails,
  recordConsentChange,
  recordTouchpoint,
  STORE_CONSENT_SOURCE,
  type StoreActor,
  StoreContactError,
} from "./store-contacts.ts";
export { type UnmergeInput, unmergeCustomers, unmergeSchema } from "./unmerge.ts";
