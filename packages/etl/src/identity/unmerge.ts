/**
 * Undoing a merge from its customer_merge snapshot (layout version 2, identity/merge.ts): the
 * merged customer's row comes back as it was, its links return to it, and so do the receipts,
 * point entries, consent events, touchpoints, attribute history and open reviews that moved —
 * plus whatever arrived since for the same memberships (receipts and consent of its member numbers). Both
 * golden records are then rebuilt by survivorship from their own links, which gives the
 * survivor back its pre-merge record. One transaction, audited; the merge row gets
 * unmerged_at / unmerged_by (the only columns its trigger lets change).
 */
import type { PoolClient } from "pg";
import { z } from "zod";
import { recomputeConsent, recomputeGolden } from "../load/members.ts";
import { UnmergeError } from "./errors.ts";
import { lockIdentity, SNAPSHOT_VERSION } from "./merge.ts";
import { auditIdentity, inTransaction } from "./transaction.ts";

export const unmergeSchema = z.object({
  mergeId: z.string().regex(/^\d{1,18}$/, "a merge id"),
  actor: z.string().trim().min(1).max(254),
  /**
   * Record the pair as kept apart (default): an unmerge is a person saying these are two people,
   * and without it the ETL would merge them again on the same evidence.
   */
  keepApart: z.boolean().default(true),
});
export type UnmergeInput = z.input<typeof unmergeSchema>;

interface Snapshot {
  version?: number;
  erased?: boolean;
  merged: Record<string, unknown>;
  links: { id: string | number }[];
  receipts: (string | number)[];
  pointEntries: (string | number)[];
  consentEvents: (string | number)[];
  /** absent in snapshots taken before touchpoints existed */
  touchpoints?: (string | number)[];
  history: (string | number)[];
  /** manual merges: the survivor's history rows the merge's golden rebuild added */
  historyAdded?: (string | number)[];
  reviewsAsCustomer: (string | number)[];
  reviewsAsCandidate: (string | number)[];
}

const ids = (list: (string | number)[] | undefined) => (list ?? []).map(String);

/**
 * Refuses (UnmergeError, nothing changed) when the merge is unknown, already undone, its snapshot
 * was erased by a withdrawal or predates reversible snapshots, a later merge still in force
 * involves either customer (undo that one first), or either customer changed status meanwhile.
 */
export async function unmergeCustomers(
  client: PoolClient,
  input: UnmergeInput,
): Promise<{ restoredCustomerId: string }> {
  const { mergeId, actor, keepApart } = unmergeSchema.parse(input);
  return inTransaction(client, async () => {
    await lockIdentity(client);
    const { rows } = await client.query(
      `SELECT survivor_id::text, merged_id::text, snapshot, unmerged_at::text AS unmerged_at, unmerged_by
         FROM customer_merge WHERE id = $1 FOR UPDATE`,
      [mergeId],
    );
    const merge = rows[0];
    if (!merge) throw new UnmergeError(mergeId, "not_found", "no such merge");
    if (merge.unmerged_at)
      throw new UnmergeError(
        mergeId,
        "already_unmerged",
        `already undone (by ${merge.unmerged_by} at ${merge.unmerged_at})`,
      );
    const snapshot = merge.snapshot as Snapshot;
    if (snapshot.erased)
      throw new UnmergeError(mergeId, "snapshot_erased", "its snapshot was erased by a member's withdrawal");
    if ((snapshot.version ?? 1) < SNAPSHOT_VERSION)
      throw new UnmergeError(mergeId, "not_reversible", "recorded before merges kept a reversible snapshot");
    const survivor = merge.survivor_id as string;
    const merged = merge.merged_id as string;
    const { rows: later } = await client.query(
      `SELECT id::text FROM customer_merge
        WHERE id > $1 AND unmerged_at IS NULL
          AND (survivor_id = ANY($2::bigint[]) OR merged_id = ANY($2::bigint[])) ORDER BY id`,
      [mergeId, [survivor, merged]],
    );
    if (later.length > 0)
      throw new UnmergeError(
        mergeId,
        "later_merge",
        `later merge(s) ${later.map((r) => r.id).join(", ")} involve the same customers: undo them first`,
      );
    const { rows: customers } = await client.query(
      `SELECT id::text, status::text, merged_into_id::text FROM customer WHERE id = ANY($1::bigint[]) FOR UPDATE`,
      [[survivor, merged]],
    );
    const m = customers.find((c) => c.id === merged);
    const s = customers.find((c) => c.id === survivor);
    if (m?.status !== "MERGED" || m.merged_into_id !== survivor)
      throw new UnmergeError(mergeId, "customer_changed", `customer ${merged} is no longer merged into ${survivor}`);
    if (!s || s.status === "MERGED" || s.status === "WITHDRAWN")
      throw new UnmergeError(mergeId, "customer_changed", `customer ${survivor} is ${s?.status ?? "gone"}`);

    // Links: back to the merged customer (fresh updated_at: the ETL's identity state is keyed on
    // it); a link deleted since (an inferred placeholder a member row completed) comes back whole.
    const linkIds = snapshot.links.map((l) => String(l.id));
    await client.query(
      `UPDATE customer_source_link SET customer_id = $1, updated_at = clock_timestamp()
        WHERE id = ANY($2::bigint[]) AND customer_id = $3`,
      [merged, linkIds, survivor],
    );
    await client.query(
      `INSERT INTO customer_source_link SELECT (jsonb_populate_record(null::customer_source_link, l)).*
         FROM jsonb_array_elements($1::jsonb) l
        WHERE NOT EXISTS (SELECT 1 FROM customer_source_link x WHERE x.id = (l->>'id')::bigint
                             OR (x.source_code = l->>'source_code' AND x.member_no = l->>'member_no'))`,
      [JSON.stringify(snapshot.links)],
    );
    await client.query(
      `UPDATE customer_source_link SET updated_at = clock_timestamp() WHERE id = ANY($1::bigint[]) AND customer_id = $2`,
      [linkIds, merged],
    );
    // What moved, and what the same memberships brought since.
    await client.query(`DROP TABLE IF EXISTS ld_unmerge_member`);
    await client.query(
      `CREATE TEMP TABLE ld_unmerge_member ON COMMIT DROP AS
       SELECT source_code, member_no, card_no FROM customer_source_link WHERE id = ANY($1::bigint[]) AND customer_id = $2`,
      [linkIds, merged],
    );
    await client.query(
      `UPDATE receipt r SET customer_id = $1 WHERE r.customer_id = $2
          AND (r.id = ANY($3::bigint[]) OR EXISTS (SELECT 1 FROM ld_unmerge_member u WHERE u.source_code = r.source_code
                 AND (u.member_no = r.source_member_no OR (u.card_no IS NOT NULL AND u.card_no = r.source_card_no))))`,
      [merged, survivor, ids(snapshot.receipts)],
    );
    await client.query(
      `UPDATE point_entry p SET customer_id = $1 WHERE p.customer_id = $2
          AND (p.id = ANY($3::bigint[]) OR p.receipt_id IN (SELECT id FROM receipt WHERE customer_id = $1))`,
      [merged, survivor, ids(snapshot.pointEntries)],
    );
    await client.query(
      `UPDATE consent_event e SET customer_id = $1 WHERE e.customer_id = $2
          AND (e.id = ANY($3::bigint[]) OR EXISTS (SELECT 1 FROM ld_unmerge_member u
                 WHERE u.source_code = e.source AND u.member_no = e.source_ref))`,
      [merged, survivor, ids(snapshot.consentEvents)],
    );
    // Touchpoints recorded on the survivor since the merge stay: staff saw that one customer then.
    await client.query(
      `UPDATE touchpoint t SET customer_id = $1 WHERE t.customer_id = $2 AND t.id = ANY($3::bigint[])`,
      [merged, survivor, ids(snapshot.touchpoints)],
    );
    await client.query(
      `UPDATE customer_attribute_history h SET customer_id = $1 WHERE h.customer_id = $2
          AND (h.id = ANY($3::bigint[]) OR EXISTS (SELECT 1 FROM ld_unmerge_member u
                 WHERE u.source_code = h.source_code AND u.member_no = h.source_ref))`,
      [merged, survivor, ids(snapshot.history)],
    );
    // Open reviews that followed the merged customer follow it back (unless that repeats a pair).
    await client.query(
      `UPDATE identity_review r SET customer_id = $1 WHERE r.id = ANY($3::bigint[]) AND r.customer_id = $2 AND r.status = 'OPEN'
          AND NOT EXISTS (SELECT 1 FROM identity_review o WHERE o.customer_id = $1 AND o.candidate_customer_id = r.candidate_customer_id)`,
      [merged, survivor, ids(snapshot.reviewsAsCustomer)],
    );
    await client.query(
      `UPDATE identity_review r SET candidate_customer_id = $1
        WHERE r.id = ANY($3::bigint[]) AND r.candidate_customer_id = $2 AND r.status = 'OPEN'
          AND NOT EXISTS (SELECT 1 FROM identity_review o WHERE o.customer_id = r.customer_id AND o.candidate_customer_id = $1)`,
      [merged, survivor, ids(snapshot.reviewsAsCandidate)],
    );

    // The merged customer's row as it was (its CI once the survivor has let go of it).
    await client.query(
      `UPDATE customer c SET status = o.status, name = o.name, phone = o.phone, phone_last4 = o.phone_last4, email = o.email,
              birth_date = o.birth_date, gender = o.gender, zip = o.zip, address_text = o.address_text, sido = o.sido,
              sigungu = o.sigungu, joined_on = o.joined_on, merged_into_id = o.merged_into_id, erased_at = o.erased_at,
              ci_hash = NULL, updated_at = now()
         FROM jsonb_populate_record(null::customer, $2::jsonb) o WHERE c.id = $1`,
      [merged, JSON.stringify(snapshot.merged)],
    );
    if (keepApart) {
      // Before the golden rebuild, whose CI check would otherwise hold the pair for review again.
      await client.query(
        `INSERT INTO identity_review (customer_id, candidate_customer_id, source_code, member_no, reason, evidence, status,
                decided_at, decided_by)
         SELECT $1, $2, l.source_code, l.member_no, 'unmerged', '{}', 'REJECTED', now(), $3
           FROM (SELECT source_code, member_no FROM customer_source_link WHERE customer_id = $1 ORDER BY id LIMIT 1) l
         ON CONFLICT (customer_id, candidate_customer_id) DO UPDATE
           SET status = 'REJECTED', decided_at = now(), decided_by = excluded.decided_by`,
        [merged, survivor, actor],
      );
      await client.query(
        `UPDATE identity_review SET status = 'REJECTED', decided_at = now(), decided_by = $3
          WHERE customer_id = $2 AND candidate_customer_id = $1 AND status = 'OPEN'`,
        [merged, survivor, actor],
      );
    }
    const unmergeRef = `unmerge:${mergeId}`;
    await recomputeGolden(client, [survivor, merged], { sourceRef: unmergeRef });
    await client.query(
      `UPDATE customer c SET ci_hash = o.ci_hash
         FROM jsonb_populate_record(null::customer, $2::jsonb) o
        WHERE c.id = $1 AND c.ci_hash IS NULL AND o.ci_hash IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM customer x WHERE x.ci_hash = o.ci_hash)`,
      [merged, JSON.stringify(snapshot.merged)],
    );
    // The golden changes the merge and this unmerge wrote show one customer's values on the
    // other's history: they go (the moved rows above keep each member's own trail).
    await client.query(
      `DELETE FROM customer_attribute_history
        WHERE customer_id = ANY($1::bigint[]) AND (source_ref = ANY($2::text[]) OR id = ANY($3::bigint[]))`,
      [[survivor, merged], [`merge:${mergeId}`, unmergeRef], ids(snapshot.historyAdded)],
    );
    // Current consent = the latest event per channel, for each customer's own events again.
    await client.query(
      `DELETE FROM customer_consent cc WHERE cc.customer_id = ANY($1::bigint[])
          AND NOT EXISTS (SELECT 1 FROM consent_event e WHERE e.customer_id = cc.customer_id AND e.channel = cc.channel)`,
      [[survivor, merged]],
    );
    await recomputeConsent(client, [survivor, merged]);
    await client.query(`UPDATE customer_merge SET unmerged_at = now(), unmerged_by = $2 WHERE id = $1`, [
      mergeId,
      actor,
    ]);
    await auditIdentity(client, {
      actor,
      action: "identity.unmerge",
      targetType: "customer_merge",
      targetId: mergeId,
      details: { survivorId: survivor, restoredCustomerId: merged, keepApart },
    });
    return { restoredCustomerId: merged };
  });
}
