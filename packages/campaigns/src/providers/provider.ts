import type { Prisma } from "@dangol/db/client";
import type { CampaignChannel } from "@dangol/domain";

/** One claimed contact, composed, as a provider receives it. */
export type OutgoingMessage = {
  contactId: bigint;
  customerId: bigint;
  channel: CampaignChannel;
  /** the same for every attempt at this contact; providers that honour one deduplicate on it */
  idempotencyKey: string;
  /** when the contact was first claimed: providers that date their dedup window need it */
  firstClaimedAt: Date;
  /** phone, e-mail or postal address, per channel */
  to: string;
  recipientName: string | null;
  subject?: string;
  body: string;
  html?: string;
};

export type SendOutcome =
  | { contactId: bigint; status: "sent"; providerMessageId?: string }
  | {
      contactId: bigint;
      status: "failed";
      reason: string;
      /** true: retrying cannot help (a refused address, a rejected message) */
      permanent: boolean;
      /** the address itself was refused (a hard bounce): mark it invalid for every campaign */
      invalidAddress?: boolean;
    };

/** What a provider can say about a contact claimed before a crash. */
export type ResolveOutcome =
  | { contactId: bigint; status: "sent"; providerMessageId?: string }
  /** the provider is sure it never took the message: safe to send */
  | { contactId: bigint; status: "not_sent" }
  | { contactId: bigint; status: "unknown"; reason: string };

/**
 * A channel provider. Two kinds, by where the send happens:
 * - "database": the send is a write in our own database (the outbox, the DM print file, the TM
 *   call list), done in the same transaction that marks the contact SENT, so it can never be half
 *   done;
 * - "remote": an outside service (SMTP, an SMS API). The contact is claimed and committed first,
 *   then sent, then its outcome written; a crash in between leaves it CLAIMED for `resolve`.
 */
export type ChannelProvider =
  | {
      kind: "database";
      name: string;
      send(tx: Prisma.TransactionClient, messages: OutgoingMessage[]): Promise<SendOutcome[]>;
      resolve(tx: Prisma.TransactionClient, messages: OutgoingMessage[]): Promise<ResolveOutcome[]>;
    }
  | {
      kind: "remote";
      name: string;
      /** messages handed over per call (and per outcome write): the most a crash can leave unresolved */
      chunkSize: number;
      send(messages: OutgoingMessage[]): Promise<SendOutcome[]>;
      resolve(messages: OutgoingMessage[]): Promise<ResolveOutcome[]>;
      close?(): Promise<void>;
    };

export type ProviderSet = Record<CampaignChannel, ChannelProvider>;
