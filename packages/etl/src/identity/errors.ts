/**
 * A manual identity action that cannot be done as asked. Nothing was changed (the action's
 * transaction was rolled back); `code` says why, the message names the review or merge.
 */
export type IdentityActionCode =
  | "not_found"
  | "already_decided"
  | "customer_changed"
  | "ci_conflict"
  | "already_unmerged"
  | "snapshot_erased"
  | "not_reversible"
  | "later_merge";

export class IdentityActionError extends Error {
  constructor(
    readonly code: IdentityActionCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Deciding an identity_review row failed (unknown, already decided, customers changed meanwhile). */
export class IdentityReviewError extends IdentityActionError {
  constructor(
    readonly reviewId: string,
    code: IdentityActionCode,
    detail: string,
  ) {
    super(code, `identity review ${reviewId}: ${detail}`);
  }
}

/** Undoing a customer_merge row failed (unknown, undone already, erased, a later merge on top). */
export class UnmergeError extends IdentityActionError {
  constructor(
    readonly mergeId: string,
    code: IdentityActionCode,
    detail: string,
  ) {
    super(code, `customer merge ${mergeId}: ${detail}`);
  }
}
