/**
 * Withdrawal = erasure (feeds.md): the member's personal data goes everywhere Dangol holds it,
 * while the sales stay as anonymous sales.
 *
 * - the source link keeps only its keys (division, member number, card number — needed to
 *   recognise later sales of the withdrawn member as anonymous) and `withdrawn_at`;
 * - the golden customer is erased (status WITHDRAWN, `erased_at`) when no other active division
 *   link is left; otherwise the caller recomputes it from the remaining links. The DANGOL record
 *   (contact details confirmed at a store) is no membership: it never keeps a customer, and goes
 *   with them (withdrawn, personal columns nulled), as do the notes of their store touchpoints;
 * - customer_attribute_history values (all of an erased customer, else those the member supplied),
 *   the snapshots of merges the customer took part in (so those merges can no longer be undone)
 *   and the personal columns of the customers merged away in them;
 * - staging.member rows of the member (personal columns nulled, row counts kept);
 * - etl_rejected_row raw lines containing the member or card number, and etl_finding raw values
 *   of the member's rows;
 * - receipts of the membership: customer link and member/card number cleared, store and amounts kept;
 * - of an erased customer's campaigns: the outbox's recipient and message text, the addresses marked
 *   invalid, and the reasons of suppressions (which may describe the person); campaign contacts and
 *   members stay, anonymous, since the campaigns' measurement counts them.
 */
import { CONFIRMED_CONTACT_SOURCE } from "@dangol/domain/contacts";
import type { PoolClient } from "pg";
import { copyTemp } from "./temp-table.ts";

export interface Withdrawal {
  division: string;
  memberNo: string;
  at: Date;
}

/** Erases the withdrawn members; returns the customers that keep other active links (recompute them). */
export async function eraseWithdrawn(client: PoolClient, withdrawals: Withdrawal[]): Promise<string[]> {
  if (withdrawals.length === 0) return [];
  await copyTemp(
    client,
    "ld_withdraw",
    [
      ["source_code", "text"],
      ["member_no", "text"],
      ["at", "timestamptz"],
      ["customer_id", "bigint"],
      ["card_no", "text"],
    ],
    withdrawals.map((w) => [w.division, w.memberNo, w.at.toISOString(), null, null]),
  );
  await client.query(
    `UPDATE ld_withdraw w SET customer_id = l.customer_id, card_no = l.card_no
       FROM customer_source_link l WHERE l.source_code = w.source_code AND l.member_no = w.member_no`,
  );
  await client.query(
    `UPDATE customer_source_link l SET withdrawn_at = w.at, name = NULL, phone = NULL, email = NULL, birth_date = NULL,
            gender = NULL, zip = NULL, address_text = NULL, ci_hash = NULL, joined_store_id = NULL, joined_on = NULL,
            source_changed_at = greatest(l.source_changed_at, w.at), updated_at = now()
       FROM ld_withdraw w WHERE l.source_code = w.source_code AND l.member_no = w.member_no`,
  );
  const { rows } = await client.query(
    `SELECT DISTINCT w.customer_id::text AS id,
            EXISTS (SELECT 1 FROM customer_source_link o WHERE o.customer_id = w.customer_id AND o.withdrawn_at IS NULL
                      AND NOT o.inferred AND o.source_code <> $1) AS keeps
       FROM ld_withdraw w WHERE w.customer_id IS NOT NULL`,
    [CONFIRMED_CONTACT_SOURCE],
  );
  const erased = rows.filter((r) => !r.keeps).map((r) => r.id as string);
  const kept = rows.filter((r) => r.keeps).map((r) => r.id as string);
  await client.query(
    `UPDATE customer SET status = 'WITHDRAWN', name = NULL, phone = NULL, phone_last4 = NULL, email = NULL, birth_date = NULL,
            gender = NULL, zip = NULL, address_text = NULL, sido = NULL, sigungu = NULL, joined_on = NULL, ci_hash = NULL,
            erased_at = now(), updated_at = now()
      WHERE id = ANY($1::bigint[])`,
    [erased],
  );
  await client.query(
    `UPDATE customer_source_link SET withdrawn_at = now(), name = NULL, phone = NULL, email = NULL, birth_date = NULL,
            gender = NULL, zip = NULL, address_text = NULL, ci_hash = NULL, updated_at = now()
      WHERE customer_id = ANY($1::bigint[]) AND source_code = $2 AND withdrawn_at IS NULL`,
    [erased, CONFIRMED_CONTACT_SOURCE],
  );
  await client.query(`UPDATE touchpoint SET note = NULL WHERE customer_id = ANY($1::bigint[]) AND note IS NOT NULL`, [
    erased,
  ]);
  await client.query(
    `UPDATE campaign_outbox o SET recipient = '', subject = NULL, body = ''
       FROM campaign_contact k WHERE k.id = o.contact_id AND k.customer_id = ANY($1::bigint[])
        AND (o.recipient <> '' OR o.body <> '' OR o.subject IS NOT NULL)`,
    [erased],
  );
  await client.query(`DELETE FROM contact_address_invalid WHERE customer_id = ANY($1::bigint[])`, [erased]);
  await client.query(
    `UPDATE campaign_suppression SET reason = '' WHERE customer_id = ANY($1::bigint[]) AND reason <> ''`,
    [erased],
  );
  await client.query(
    `UPDATE customer_attribute_history h SET old_value = NULL, new_value = NULL
      WHERE (h.customer_id = ANY($1::bigint[]) OR EXISTS (SELECT 1 FROM ld_withdraw w
              WHERE w.customer_id = h.customer_id AND h.source_code = w.source_code AND h.source_ref = w.member_no))
        AND (h.old_value IS NOT NULL OR h.new_value IS NOT NULL)`,
    [erased],
  );
  // A merged-away customer row keeps its personal columns only so an unmerge can restore it;
  // once the merge's snapshot goes (below), nothing can, so the row is erased too.
  await client.query(
    `UPDATE customer c SET name = NULL, phone = NULL, phone_last4 = NULL, email = NULL, birth_date = NULL, gender = NULL,
            zip = NULL, address_text = NULL, sido = NULL, sigungu = NULL, joined_on = NULL, ci_hash = NULL,
            erased_at = now(), updated_at = now()
      WHERE c.status = 'MERGED' AND EXISTS (SELECT 1 FROM customer_merge m JOIN ld_withdraw w
              ON w.customer_id IN (m.survivor_id, m.merged_id) WHERE m.merged_id = c.id)`,
  );
  // A merge snapshot holds both customers' rows and links: it cannot keep the member's data.
  await client.query(
    `UPDATE customer_merge m SET snapshot = jsonb_build_object('erased', true, 'erasedAt', now())
      WHERE EXISTS (SELECT 1 FROM ld_withdraw w WHERE w.customer_id IN (m.survivor_id, m.merged_id))
        AND NOT (m.snapshot ? 'erased')`,
  );
  await client.query(
    `UPDATE staging.member s SET card_no = NULL, name = NULL, gender = NULL, birth_date = NULL, birth_date_raw = NULL, phone = NULL,
            phone_raw = NULL, email = NULL, email_raw = NULL, zip = NULL, address1 = NULL, address2 = NULL, ci = NULL
       FROM ld_withdraw w WHERE s.division = w.source_code AND s.member_no = w.member_no`,
  );
  await client.query(
    `UPDATE etl_rejected_row r SET raw = NULL
      WHERE r.raw IS NOT NULL AND EXISTS (SELECT 1 FROM ld_withdraw w
              WHERE strpos(r.raw, w.member_no) > 0 OR (w.card_no IS NOT NULL AND strpos(r.raw, w.card_no) > 0))`,
  );
  await client.query(
    `UPDATE etl_finding f SET raw_value = NULL FROM ld_withdraw w
      WHERE f.source_key = w.member_no AND f.raw_value IS NOT NULL`,
  );
  await client.query(
    `UPDATE receipt r SET customer_id = NULL, source_member_no = NULL, source_card_no = NULL
       FROM ld_withdraw w
      WHERE r.source_code = w.source_code
        AND (r.source_member_no = w.member_no OR (w.card_no IS NOT NULL AND r.source_card_no = w.card_no))`,
  );
  return kept;
}
