import { createHmac, timingSafeEqual } from "node:crypto";
import { authEnv, parseEnv } from "@dangol/config";
import type { PrismaClient } from "@dangol/db/client";
import { effectiveConsent } from "@dangol/domain";
import { maskEmail } from "@dangol/domain/contacts";
import { recordOptOuts } from "./opt-outs.ts";

/**
 * The e-mail unsubscribe link: `<contact id>.<HMAC-SHA256 of it under AUTH_SECRET, base64url>`.
 * No expiry: the law wants the opt-out to work for as long as the mail sits in an inbox. The
 * contact id alone says nothing personal; the signature makes a guessed or altered id useless.
 */
const PURPOSE = "dangol-unsubscribe:";
const TOKEN = /^(\d{1,18})\.([A-Za-z0-9_-]{43})$/;

function secret(given?: string): string {
  return given ?? parseEnv(authEnv).AUTH_SECRET;
}

function signature(contactId: string, key: string): Buffer {
  return createHmac("sha256", key)
    .update(PURPOSE + contactId)
    .digest();
}

export function unsubscribeToken(contactId: bigint | string, key?: string): string {
  const id = BigInt(contactId).toString();
  return `${id}.${signature(id, secret(key)).toString("base64url")}`;
}

/** The contact id a token was made for, or null when it is malformed or its signature is wrong. */
export function verifyUnsubscribeToken(token: string, key?: string): bigint | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, id, sig] = match as unknown as [string, string, string];
  const given = Buffer.from(sig, "base64url");
  const expected = signature(id, secret(key));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return BigInt(id);
}

export function unsubscribeUrl(baseUrl: string, contactId: bigint | string, key?: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/u/${unsubscribeToken(contactId, key)}`;
}

export type UnsubscribeTarget = {
  contactId: bigint;
  campaignId: bigint;
  customerId: bigint;
  /** masked (a***@example.com): a forwarded link must not reveal the whole address */
  maskedEmail: string | null;
  /** the customer's e-mail consent is already off (this link or any other source) */
  alreadyOptedOut: boolean;
};

/** What the public page shows for a token; null for a bad token or a contact that does not exist. */
export async function unsubscribeTarget(
  prisma: PrismaClient,
  token: string,
  key?: string,
): Promise<UnsubscribeTarget | null> {
  const contactId = verifyUnsubscribeToken(token, key);
  if (contactId === null) return null;
  const contact = await prisma.campaignContact.findUnique({
    where: { id: contactId },
    select: { campaignId: true, customerId: true, customer: { select: { email: true } } },
  });
  if (!contact) return null;
  const events = await prisma.consentEvent.findMany({
    where: { customerId: contact.customerId, channel: "EMAIL" },
    select: { channel: true, granted: true, changedAt: true, source: true },
  });
  return {
    contactId,
    campaignId: contact.campaignId,
    customerId: contact.customerId,
    maskedEmail: contact.customer.email ? maskEmail(contact.customer.email) : null,
    alreadyOptedOut: !effectiveConsent(events, "EMAIL").granted,
  };
}

/**
 * The recipient asked to stop: an EMAIL opt-out (source UNSUBSCRIBE) effective now, which every
 * later send re-checks. 'already' when the customer's e-mail consent was off already (a second
 * click, or an opt-out from elsewhere): nothing is written then. Serialised per customer.
 */
export async function unsubscribe(
  prisma: PrismaClient,
  token: string,
  options: { key?: string; now?: Date } = {},
): Promise<"done" | "already" | null> {
  const contactId = verifyUnsubscribeToken(token, options.key);
  if (contactId === null) return null;
  return prisma.$transaction(async (tx) => {
    const contact = await tx.campaignContact.findUnique({
      where: { id: contactId },
      select: { campaignId: true, customerId: true },
    });
    if (!contact) return null;
    await tx.$queryRaw`SELECT 1 FROM customer WHERE id = ${contact.customerId} FOR UPDATE`;
    const events = await tx.consentEvent.findMany({
      where: { customerId: contact.customerId, channel: "EMAIL" },
      select: { channel: true, granted: true, changedAt: true, source: true },
    });
    if (!effectiveConsent(events, "EMAIL").granted) return "already";
    await recordOptOuts(tx, [
      {
        customerId: contact.customerId,
        channel: "EMAIL",
        changedAt: options.now ?? new Date(),
        source: "UNSUBSCRIBE",
        sourceRef: `campaign:${contact.campaignId}/contact:${contactId}`,
      },
    ]);
    return "done";
  });
}
