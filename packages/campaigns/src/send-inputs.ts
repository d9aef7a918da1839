import type { Prisma, PrismaClient } from "@dangol/db/client";
import {
  type CampaignChannel,
  type CampaignSettings,
  type ConsentEvent,
  type ExclusionReason,
  type RecentContact,
  sendEligibility,
} from "@dangol/domain";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Everything the send rules need about a group of customers, read in one statement: addresses,
 * consent events, suppressions, addresses marked invalid, and their recent marketing contacts.
 * Planning reads it for the whole segment in chunks; dispatch reads it again for each chunk it is
 * about to send, so a change since the launch (an opt-out at the till) takes effect at once.
 */
export type SendInputs = {
  customerId: bigint;
  name: string | null;
  phone: string | null;
  email: string | null;
  zip: string | null;
  address: string | null;
  /** held tier code, 'NONE' without one: the control draw's stratum */
  tierCode: string;
  tierName: string | null;
  /** the store of the latest receipt, for the {{store}} merge field */
  storeName: string | null;
  consentEvents: ConsentEvent[];
  /** channels suppressed; '*' = every channel */
  suppressed: string[];
  /** channel → addresses marked invalid */
  invalid: { channel: string; address: string }[];
  recentContacts: RecentContact[];
};

type Row = {
  customer_id: bigint;
  name: string | null;
  phone: string | null;
  email: string | null;
  zip: string | null;
  address_text: string | null;
  tier_code: string | null;
  tier_name: string | null;
  store_name: string | null;
  consents: { channel: string; granted: boolean; changedAt: string; source: string }[] | null;
  suppressed: string[] | null;
  invalid: { channel: string; address: string }[] | null;
  recent: { channel: CampaignChannel; at: string }[] | null;
};

/**
 * `excludeRunId`: contacts of this run don't count towards its own caps (a retried batch would
 * otherwise cap itself). Only customers still active (not merged away, not erased) come back.
 */
export async function loadSendInputs(
  db: Db,
  customerIds: readonly bigint[],
  options: { capDays: number; now: Date; excludeRunId: bigint },
): Promise<Map<bigint, SendInputs>> {
  if (customerIds.length === 0) return new Map();
  const since = new Date(options.now.getTime() - options.capDays * 86_400_000);
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id AS customer_id, c.name, c.phone, c.email, c.zip, c.address_text,
           th.tier_code, t.name AS tier_name,
           (SELECT s.name FROM receipt r JOIN store s ON s.id = r.store_id
             WHERE r.customer_id = c.id ORDER BY r.sold_at DESC LIMIT 1) AS store_name,
           (SELECT json_agg(json_build_object('channel', e.channel, 'granted', e.granted,
                                              'changedAt', e.changed_at, 'source', e.source))
              FROM consent_event e WHERE e.customer_id = c.id) AS consents,
           (SELECT array_agg(coalesce(s.channel::text, '*')) FROM campaign_suppression s
             WHERE s.customer_id = c.id) AS suppressed,
           (SELECT json_agg(json_build_object('channel', i.channel, 'address', i.address))
              FROM contact_address_invalid i WHERE i.customer_id = c.id) AS invalid,
           (SELECT json_agg(json_build_object('channel', k.channel, 'at', coalesce(k.finished_at, k.claimed_at)))
              FROM campaign_contact k
             WHERE k.customer_id = c.id AND k.status IN ('SENT', 'CLAIMED', 'UNKNOWN')
               AND k.run_id <> ${options.excludeRunId}
               AND coalesce(k.finished_at, k.claimed_at) > ${since}::timestamptz) AS recent
      FROM customer c
      LEFT JOIN customer_tier_history th ON th.customer_id = c.id AND th.effective_to IS NULL
      LEFT JOIN tier t ON t.code = th.tier_code
     WHERE c.id = ANY(${customerIds as bigint[]}::bigint[])
       AND c.merged_into_id IS NULL AND c.erased_at IS NULL AND c.status = 'ACTIVE'`;
  const byId = new Map<bigint, SendInputs>();
  for (const row of rows) {
    byId.set(row.customer_id, {
      customerId: row.customer_id,
      name: row.name,
      phone: row.phone,
      email: row.email,
      zip: row.zip,
      address: row.address_text,
      tierCode: row.tier_code ?? "NONE",
      tierName: row.tier_name,
      storeName: row.store_name,
      consentEvents: (row.consents ?? []).map((e) => ({
        channel: e.channel as ConsentEvent["channel"],
        granted: e.granted,
        changedAt: new Date(e.changedAt),
        source: e.source,
      })),
      suppressed: row.suppressed ?? [],
      invalid: row.invalid ?? [],
      recentContacts: (row.recent ?? []).map((r) => ({ channel: r.channel, at: new Date(r.at) })),
    });
  }
  return byId;
}

/** The address a channel sends to: a mobile number for SMS and calls, the e-mail, the postal address. */
export function channelAddress(channel: CampaignChannel, customer: SendInputs): string | null {
  switch (channel) {
    case "SMS":
      // Texts reach mobiles only; a landline on file is no SMS address.
      return customer.phone?.startsWith("01") ? customer.phone : null;
    case "TM":
      return customer.phone;
    case "EMAIL":
      return customer.email;
    case "DM":
      return customer.address ? [customer.zip, customer.address].filter(Boolean).join(" ") : null;
  }
}

/** The domain's send rules applied to one customer and channel at `at`. */
export function decide(
  channel: CampaignChannel,
  customer: SendInputs | undefined,
  at: Date,
  settings: Pick<CampaignSettings, "frequencyCaps">,
): { ok: true; sendAt: Date } | { ok: false; reason: ExclusionReason | "not_active" } {
  // Merged away or erased since the snapshot: nobody to contact under this id any more.
  if (!customer) return { ok: false, reason: "not_active" };
  const address = channelAddress(channel, customer);
  return sendEligibility({
    channel,
    consentEvents: customer.consentEvents,
    hasAddress: address !== null,
    addressValid: !customer.invalid.some((i) => i.channel === channel && i.address === address),
    suppressed: customer.suppressed.includes("*") || customer.suppressed.includes(channel),
    duplicate: false,
    at,
    recentContacts: customer.recentContacts,
    caps: settings.frequencyCaps,
  });
}

/** The longest cap window: how far back recent contacts must be read. */
export function capDays(settings: Pick<CampaignSettings, "frequencyCaps">): number {
  return Math.max(1, ...settings.frequencyCaps.map((c) => c.days));
}
