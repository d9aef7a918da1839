import type { Prisma, PrismaClient } from "@dangol/db/client";
import { RECOMPUTE_CUSTOMER_CONSENT_SQL } from "@dangol/db/consent";

export type Db = PrismaClient | Prisma.TransactionClient;

export type OptOut = {
  customerId: bigint;
  channel: "SMS" | "EMAIL" | "DM" | "TM" | "NIGHT";
  changedAt: Date;
  source: "DANGOL_STORE" | "UNSUBSCRIBE" | "OPTOUT_080";
  sourceRef: string;
};

/**
 * Records opt-outs Dangol took itself and brings customer_consent up to date for those customers.
 * An opt-out already recorded from the same source at the same instant is skipped, so a repeated
 * import or a second click adds nothing. Returns how many events were new.
 */
export async function recordOptOuts(db: Db, optOuts: readonly OptOut[]): Promise<number> {
  if (optOuts.length === 0) return 0;
  const inserted = await db.$queryRaw<{ customer_id: bigint }[]>`
    INSERT INTO consent_event (customer_id, channel, granted, changed_at, source, source_ref)
    SELECT DISTINCT ON (o.customer_id, o.channel, o.source, o.changed_at)
           o.customer_id, o.channel::consent_channel, false, o.changed_at, o.source, o.source_ref
      FROM unnest(${optOuts.map((o) => o.customerId)}::bigint[], ${optOuts.map((o) => o.channel)}::text[],
                  ${optOuts.map((o) => o.changedAt)}::timestamptz[], ${optOuts.map((o) => o.source)}::text[],
                  ${optOuts.map((o) => o.sourceRef)}::text[])
           AS o(customer_id, channel, changed_at, source, source_ref)
     WHERE NOT EXISTS (SELECT 1 FROM consent_event e
                        WHERE e.customer_id = o.customer_id AND e.channel = o.channel::consent_channel
                          AND NOT e.granted AND e.source = o.source AND e.changed_at = o.changed_at)
    RETURNING customer_id`;
  await recomputeCustomerConsent(db, [...new Set(inserted.map((r) => r.customer_id))]);
  return inserted.length;
}

/** customer_consent brought up to date for these customers, by the same statement the ETL uses. */
export async function recomputeCustomerConsent(db: Db, customerIds: readonly bigint[]): Promise<void> {
  if (customerIds.length === 0) return;
  await db.$executeRawUnsafe(RECOMPUTE_CUSTOMER_CONSENT_SQL, [...customerIds]);
}
