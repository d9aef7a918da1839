/**
 * What a store records about a customer standing at the counter (the store lookup and the CRM
 * customer page): touchpoints, consent changes per channel, and contact details the customer
 * confirmed in person. A confirmation is a member record of the DANGOL source — one per customer
 * it was made on (`store:<id>`) — so survivorship, merges, unmerges and erasure treat it like a
 * division's record; the golden record is rebuilt from the links as the ETL does.
 */
import {
  CONFIRMED_CONTACT_SOURCE,
  type ConfirmableField,
  type ConfirmedContact,
  confirmationNote,
  confirmedContactMemberNo,
  nextConfirmedRecord,
} from "@dangol/domain/contacts";
import type { PoolClient } from "pg";
import { recomputeConsent, recomputeGolden } from "../load/members.ts";
import { IdentityActionError } from "./errors.ts";
import { lockIdentity } from "./merge.ts";
import { inTransaction } from "./transaction.ts";

/** The signed-in user doing it, as audit_log and touchpoint record them. */
export interface StoreActor {
  id: string;
  email: string;
  role: string;
  /** the store staff member's store; null for head-office users */
  storeId: number | null;
}

/** Consent changes made at a store carry this source (consent_event.source). */
export const STORE_CONSENT_SOURCE = "DANGOL_STORE";

export type ConsentChannel = "SMS" | "EMAIL" | "DM" | "TM" | "NIGHT";

/**
 * Nothing was written: the customer is gone from under the form (`gone`: merged or erased
 * meanwhile), or a load holds the customer or the identity lock (`busy`: try again shortly).
 */
export class StoreContactError extends IdentityActionError {
  constructor(
    readonly customerId: string,
    readonly reason: "gone" | "busy",
    detail: string,
  ) {
    super("customer_changed", `customer ${customerId}: ${detail}`);
  }
}

// A member batch holds the identity lock and the rows it rewrites until it commits, which can take
// minutes at scale: a person at the counter gets "try again" after a few seconds instead of a hang.
const COUNTER_LOCK_TIMEOUT = "5s";

/** Runs `work` in a transaction whose lock waits end after COUNTER_LOCK_TIMEOUT. */
async function counterTransaction<T>(client: PoolClient, customerId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await inTransaction(client, async () => {
      await client.query(`SET LOCAL lock_timeout = '${COUNTER_LOCK_TIMEOUT}'`);
      return work();
    });
  } catch (error) {
    if ((error as { code?: string }).code === "55P03")
      throw new StoreContactError(customerId, "busy", "locked by a load in progress");
    throw error;
  }
}

/** Locks the customer row; refuses a customer merged away or erased (their id no longer holds anyone). */
async function lockOpenCustomer(client: PoolClient, customerId: string) {
  const { rows } = await client.query(
    `SELECT status::text, phone, email, zip, address_text FROM customer WHERE id = $1 FOR UPDATE`,
    [customerId],
  );
  const row = rows[0];
  if (!row) throw new StoreContactError(customerId, "gone", "not found");
  if (row.status === "MERGED" || row.status === "WITHDRAWN")
    throw new StoreContactError(customerId, "gone", `is ${row.status}`);
  return row as { phone: string | null; email: string | null; zip: string | null; address_text: string | null };
}

async function insertTouchpoint(
  client: PoolClient,
  customerId: string,
  kind: string,
  note: string | null,
  actor: StoreActor,
): Promise<string> {
  const { rows } = await client.query(
    `INSERT INTO touchpoint (customer_id, kind, note, store_id, user_id) VALUES ($1, $2::touchpoint_kind, $3, $4, $5)
     RETURNING id::text`,
    [customerId, kind, note, actor.storeId, actor.id],
  );
  return rows[0].id;
}

async function audit(
  client: PoolClient,
  actor: StoreActor,
  action: string,
  customerId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await client.query(
    `INSERT INTO audit_log (actor_id, actor_email, actor_role, store_id, action, target_type, target_id, details)
     VALUES ($1, $2, $3, $4, $5, 'customer', $6, $7::jsonb)`,
    [actor.id, actor.email, actor.role, actor.storeId, action, customerId, JSON.stringify(details)],
  );
}

/** A touchpoint with the staff member's note (validated by the caller: recordable kind, ≤ 1000 chars). */
export async function recordTouchpoint(
  client: PoolClient,
  input: { customerId: string; kind: string; note: string | null; actor: StoreActor },
): Promise<{ touchpointId: string }> {
  return counterTransaction(client, input.customerId, async () => {
    await lockOpenCustomer(client, input.customerId);
    const touchpointId = await insertTouchpoint(client, input.customerId, input.kind, input.note, input.actor);
    // The note itself stays out of the audit log: it is personal data erasure must reach.
    await audit(client, input.actor, "customer.touchpoint", input.customerId, { touchpointId, kind: input.kind });
    return { touchpointId };
  });
}

/** One consent change per channel, effective now; customer_consent follows the latest event. */
export async function recordConsentChange(
  client: PoolClient,
  input: { customerId: string; channel: ConsentChannel; granted: boolean; actor: StoreActor },
): Promise<void> {
  await counterTransaction(client, input.customerId, async () => {
    await lockOpenCustomer(client, input.customerId);
    await client.query(
      `INSERT INTO consent_event (customer_id, channel, granted, changed_at, source, source_ref)
       VALUES ($1, $2::consent_channel, $3, now(), $4, $5)`,
      [input.customerId, input.channel, input.granted, STORE_CONSENT_SOURCE, `user:${input.actor.email}`],
    );
    await recomputeConsent(client, [input.customerId]);
    await audit(client, input.actor, "customer.consent", input.customerId, {
      channel: input.channel,
      granted: input.granted,
    });
  });
}

/**
 * Contact details the customer confirmed in person (validated by validateConfirmedContact): the
 * customer's DANGOL member record takes them with change time now, the golden record is rebuilt by
 * survivorship (newest wins for phone, e-mail and address, so the confirmation wins today and a
 * later division change wins after it) and customer_attribute_history records the change. Under
 * the identity lock, like every identity write, so the ETL's kept identity state sees it.
 */
export async function confirmContactDetails(
  client: PoolClient,
  input: { customerId: string; contact: ConfirmedContact; fields: readonly ConfirmableField[]; actor: StoreActor },
): Promise<{ touchpointId: string }> {
  const { customerId, contact, fields, actor } = input;
  return counterTransaction(client, customerId, async () => {
    await lockIdentity(client);
    const golden = await lockOpenCustomer(client, customerId);
    const memberNo = confirmedContactMemberNo(customerId);
    const { rows: previous } = await client.query(
      `SELECT phone, email, zip, address_text FROM customer_source_link
        WHERE source_code = $1 AND member_no = $2 AND withdrawn_at IS NULL`,
      [CONFIRMED_CONTACT_SOURCE, memberNo],
    );
    const asContact = (r: typeof golden): ConfirmedContact => ({
      phone: r.phone,
      email: r.email,
      zip: r.zip,
      address: r.address_text,
    });
    const next = nextConfirmedRecord(previous[0] ? asContact(previous[0]) : null, contact, asContact(golden));
    await client.query(
      `INSERT INTO customer_source_link (source_code, member_no, customer_id, phone, email, zip, address_text,
              source_changed_at, last_seen_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now(), now())
       ON CONFLICT (source_code, member_no) DO UPDATE SET customer_id = excluded.customer_id, phone = excluded.phone,
         email = excluded.email, zip = excluded.zip, address_text = excluded.address_text, withdrawn_at = NULL,
         source_changed_at = excluded.source_changed_at, last_seen_at = now(), updated_at = now()`,
      [CONFIRMED_CONTACT_SOURCE, memberNo, customerId, next.phone, next.email, next.zip, next.address],
    );
    const touchpointId = await insertTouchpoint(
      client,
      customerId,
      "CONTACT_CONFIRMED",
      confirmationNote(fields),
      actor,
    );
    await recomputeGolden(client, [customerId], { sourceRef: `touchpoint:${touchpointId}` });
    await audit(client, actor, "customer.contact_confirmed", customerId, { touchpointId, fields });
    return { touchpointId };
  });
}
