import type { CampaignChannel } from "@dangol/db/client";
import type { Db } from "./opt-outs.ts";

/**
 * Addresses a bounce or hard failure showed to be dead (a permanent SMTP 5xx refusal, a carrier's
 * "no such subscriber"). The mark is on the address, not the customer: while the customer's
 * current address for the channel equals a marked one, sends on that channel are excluded
 * (invalid_address); a new address from a feed or the store makes the channel valid again, and
 * the old mark stays harmlessly behind.
 */
export async function markAddressInvalid(
  db: Db,
  input: { customerId: bigint; channel: CampaignChannel; address: string; reason: string },
): Promise<{ marked: boolean }> {
  const reason = input.reason.slice(0, 500);
  // The first mark is kept: a retried send that bounces again is the same fact, not a new one.
  const inserted = await db.$executeRaw`
    INSERT INTO contact_address_invalid (customer_id, channel, address, reason)
    VALUES (${input.customerId}, ${input.channel}::campaign_channel, ${input.address}, ${reason})
    ON CONFLICT (customer_id, channel, address) DO NOTHING`;
  return { marked: inserted > 0 };
}

/** False while `address` is marked invalid for the customer and channel (see markAddressInvalid). */
export async function isAddressValid(
  db: Db,
  input: { customerId: bigint; channel: CampaignChannel; address: string },
): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM contact_address_invalid
     WHERE customer_id = ${input.customerId} AND channel = ${input.channel}::campaign_channel
       AND address = ${input.address}`;
  return rows.length === 0;
}

export type InvalidAddress = { channel: CampaignChannel; address: string; reason: string; markedAt: Date };

export async function listInvalidAddresses(db: Db, customerId: bigint): Promise<InvalidAddress[]> {
  return db.contactAddressInvalid.findMany({
    where: { customerId },
    select: { channel: true, address: true, reason: true, markedAt: true },
    orderBy: { markedAt: "desc" },
  });
}
