import type { Prisma } from "@dangol/db/client";
import type { ChannelProvider, OutgoingMessage, ResolveOutcome, SendOutcome } from "./provider.ts";

/**
 * Records each message in campaign_outbox instead of sending it. It serves SMS and e-mail when no
 * outside provider is configured (the messages wait there for review), and it is how DM and TM
 * always go out: the print vendor's file and the call centre's list are read from it. The insert
 * commits with the contact's SENT, so a message is in the outbox exactly when its contact says so.
 */
export function outboxProvider(name = "outbox"): ChannelProvider {
  return {
    kind: "database",
    name,
    async send(tx: Prisma.TransactionClient, messages: OutgoingMessage[]): Promise<SendOutcome[]> {
      if (messages.length === 0) return [];
      await tx.$executeRaw`
        INSERT INTO campaign_outbox (contact_id, channel, recipient, subject, body)
        SELECT * FROM unnest(${messages.map((m) => m.contactId)}::bigint[],
                             ${messages.map((m) => m.channel)}::campaign_channel[],
                             ${messages.map((m) => m.to)}::text[],
                             ${messages.map((m) => m.subject ?? null)}::text[],
                             ${messages.map((m) => m.html ?? m.body)}::text[])
        ON CONFLICT (contact_id) DO NOTHING`;
      return messages.map((m) => ({ contactId: m.contactId, status: "sent" }));
    },
    async resolve(tx: Prisma.TransactionClient, messages: OutgoingMessage[]): Promise<ResolveOutcome[]> {
      const rows = await tx.$queryRaw<{ contact_id: bigint }[]>`
        SELECT contact_id FROM campaign_outbox WHERE contact_id = ANY(${messages.map((m) => m.contactId)}::bigint[])`;
      const present = new Set(rows.map((r) => r.contact_id));
      return messages.map((m) =>
        present.has(m.contactId)
          ? { contactId: m.contactId, status: "sent" }
          : { contactId: m.contactId, status: "not_sent" },
      );
    },
  };
}
