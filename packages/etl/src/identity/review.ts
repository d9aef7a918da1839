/**
 * A person's decision on a held identity match (identity_review): merge the two customers with
 * the ETL's own merge machinery, or keep them apart for good (the ETL neither proposes nor
 * auto-merges that pair again). One transaction, audited.
 */
import type { PoolClient } from "pg";
import { z } from "zod";
import { recomputeConsent, recomputeGolden } from "../load/members.ts";
import { IdentityReviewError } from "./errors.ts";
import { applyMerges, lockIdentity } from "./merge.ts";
import { auditIdentity, inTransaction } from "./transaction.ts";

export const reviewDecisionSchema = z.object({
  reviewId: z.string().regex(/^\d{1,18}$/, "a review id"),
  decision: z.enum(["merge", "keep_apart"]),
  actor: z.string().trim().min(1).max(254),
});
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

export interface ReviewDecisionResult {
  status: "MERGED" | "REJECTED";
  mergeId?: string;
}

/**
 * Decides the review on `client` in its own BEGIN/COMMIT. Throws `IdentityReviewError` (and
 * changes nothing) when the review is unknown, already decided, or one of its customers was
 * merged into someone else or erased meanwhile. A merge keeps the older customer id; the
 * golden record is rebuilt by survivorship from both customers' links.
 */
export async function resolveIdentityReview(
  client: PoolClient,
  input: ReviewDecisionInput,
): Promise<ReviewDecisionResult> {
  const { reviewId, decision, actor } = reviewDecisionSchema.parse(input);
  return inTransaction(client, async () => {
    await lockIdentity(client);
    const { rows } = await client.query(
      `SELECT customer_id::text, candidate_customer_id::text, status, reason, score, evidence, decided_by,
              decided_at::text AS decided_at
         FROM identity_review WHERE id = $1 FOR UPDATE`,
      [reviewId],
    );
    const review = rows[0];
    if (!review) throw new IdentityReviewError(reviewId, "not_found", "no such review");
    if (review.status !== "OPEN")
      throw new IdentityReviewError(
        reviewId,
        "already_decided",
        `already decided (${review.status} by ${review.decided_by ?? "?"} at ${review.decided_at ?? "?"})`,
      );
    const a = review.customer_id as string;
    const b = review.candidate_customer_id as string;
    const { rows: customers } = await client.query(
      `SELECT id::text, status::text, merged_into_id::text FROM customer WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
      [[a, b]],
    );
    for (const id of [a, b]) {
      const c = customers.find((x) => x.id === id);
      if (!c) throw new IdentityReviewError(reviewId, "customer_changed", `customer ${id} no longer exists`);
      if (c.status === "MERGED")
        throw new IdentityReviewError(
          reviewId,
          "customer_changed",
          `customer ${id} was merged into customer ${c.merged_into_id} meanwhile`,
        );
      if (c.status === "WITHDRAWN")
        throw new IdentityReviewError(reviewId, "customer_changed", `customer ${id} was erased (withdrawal) meanwhile`);
    }
    if (a === b) throw new IdentityReviewError(reviewId, "customer_changed", "both sides are one customer already");
    const pair = [a, b];

    if (decision === "keep_apart") {
      // Both directions of the pair: the ETL checks either when it would propose it again.
      await client.query(
        `UPDATE identity_review SET status = 'REJECTED', decided_at = now(), decided_by = $2
          WHERE status = 'OPEN' AND customer_id = ANY($1::bigint[]) AND candidate_customer_id = ANY($1::bigint[])`,
        [pair, actor],
      );
      await auditIdentity(client, {
        actor,
        action: "identity.review.keep_apart",
        targetType: "identity_review",
        targetId: reviewId,
        details: { customerId: a, candidateCustomerId: b, reason: review.reason },
      });
      return { status: "REJECTED" as const };
    }

    // Two different verified identities are two people, whatever a reviewer thinks they see.
    const { rows: cis } = await client.query(
      `SELECT count(DISTINCT ci_hash)::int AS n FROM customer_source_link
        WHERE customer_id = ANY($1::bigint[]) AND ci_hash IS NOT NULL AND withdrawn_at IS NULL AND NOT inferred`,
      [pair],
    );
    if (cis[0].n > 1)
      throw new IdentityReviewError(
        reviewId,
        "ci_conflict",
        `customers ${a} and ${b} hold two different identity verifications (CI): they cannot be merged`,
      );
    const [survivor, merged] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
    const [mergeId] = await applyMerges(
      client,
      [{ survivor, merged, reason: "manual", score: review.score, evidence: review.evidence ?? [] }],
      { mergedBy: actor, batchId: null },
    );
    const { rows: mark } = await client.query(
      `SELECT coalesce(max(id), 0)::text AS id FROM customer_attribute_history`,
    );
    await recomputeGolden(client, [survivor], { sourceRef: `merge:${mergeId}` });
    // The losing values the rebuild filed under the survivor exist only because of this merge:
    // the snapshot lists them so an unmerge removes them (the trigger lets snapshot change).
    await client.query(
      `UPDATE customer_merge SET snapshot = snapshot || jsonb_build_object('historyAdded',
              (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]') FROM customer_attribute_history
                WHERE customer_id = $2 AND id > $3::bigint))
        WHERE id = $1`,
      [mergeId, survivor, mark[0].id],
    );
    await recomputeConsent(client, [survivor]);
    await client.query(
      `UPDATE identity_review SET status = 'MERGED', decided_at = now(), decided_by = $2
        WHERE status = 'OPEN' AND customer_id = ANY($1::bigint[]) AND candidate_customer_id = ANY($1::bigint[])`,
      [pair, actor],
    );
    await auditIdentity(client, {
      actor,
      action: "identity.review.merge",
      targetType: "identity_review",
      targetId: reviewId,
      details: { survivorId: survivor, mergedId: merged, mergeId, reason: review.reason },
    });
    return { status: "MERGED" as const, mergeId: mergeId! };
  });
}
