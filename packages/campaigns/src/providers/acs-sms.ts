import { createHash, createHmac } from "node:crypto";
import type { ChannelProvider, OutgoingMessage, ResolveOutcome, SendOutcome } from "./provider.ts";

export const ACS_SMS_API_VERSION = "2021-03-07";

export type AcsSmsOptions = {
  /** the resource's endpoint, e.g. https://my-resource.communication.azure.com */
  endpoint: string;
  /** the resource's access key (base64), as in its connection string */
  accessKey: string;
  /** the sender: an E.164 number or an alphanumeric sender id */
  from: string;
  chunkSize?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** One recipient's line in the service's answer (SmsSendResponseItem). */
type SendResponseItem = {
  to: string;
  messageId?: string;
  httpStatusCode: number;
  repeatabilityResult?: "accepted" | "rejected";
  successful: boolean;
  errorMessage?: string;
};

/**
 * SMS through Azure Communication Services (POST /sms, api-version 2021-03-07), chosen because it
 * deduplicates per recipient: each recipient carries a repeatabilityRequestId (a GUID derived from
 * the contact's idempotency key, so every attempt at one contact carries the same one) and
 * repeatabilityFirstSent (the contact's first claim). The service executes a request id once; a
 * repeat of one it accepted comes back "rejected" and is not sent again. So a message whose fate a
 * crash or a timeout hid can simply be sent again.
 *
 * One request per message: each text differs by its merge fields, and one recipient per request
 * keeps each answer about one contact.
 */
export function acsSmsProvider(options: AcsSmsOptions): Extract<ChannelProvider, { kind: "remote" }> {
  const endpoint = new URL(options.endpoint);
  const url = new URL(`/sms?api-version=${ACS_SMS_API_VERSION}`, endpoint);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  const post = async (message: OutgoingMessage): Promise<SendOutcome> => {
    const to = toE164(message.to);
    if (!to) {
      return {
        contactId: message.contactId,
        status: "failed",
        reason: `not a Korean mobile number: ${message.to}`,
        permanent: true,
        invalidAddress: true,
      };
    }
    const body = JSON.stringify({
      from: options.from,
      smsRecipients: [
        {
          to,
          repeatabilityRequestId: repeatabilityRequestId(message.idempotencyKey),
          repeatabilityFirstSent: message.firstClaimedAt.toUTCString(),
        },
      ],
      message: message.body,
      smsSendOptions: { enableDeliveryReport: false },
    });
    let response: Response;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...signRequest("POST", url, body, options.accessKey) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // Whether the request arrived is unknown, but the next attempt carries the same
      // repeatability id, so a retry cannot make a second message.
      return {
        contactId: message.contactId,
        status: "failed",
        reason: `ACS unreachable: ${(error as Error).message}`,
        permanent: false,
      };
    }
    const text = await response.text();
    if (response.status === 429 || response.status >= 500) {
      return {
        contactId: message.contactId,
        status: "failed",
        reason: `ACS ${response.status}: ${text.slice(0, 300)}`,
        permanent: false,
      };
    }
    if (response.status === 401 || response.status === 403) {
      // The key is wrong for every message: failing them all permanently would burn the campaign.
      throw new Error(
        `ACS refused the credentials (${response.status}); check ACS_SMS_ACCESS_KEY and ACS_SMS_ENDPOINT`,
      );
    }
    if (response.status !== 202 && response.status !== 200) {
      return {
        contactId: message.contactId,
        status: "failed",
        reason: `ACS ${response.status}: ${text.slice(0, 300)}`,
        permanent: true,
      };
    }
    const item = (JSON.parse(text) as { value?: SendResponseItem[] }).value?.[0];
    if (!item) throw new Error(`ACS answered ${response.status} without a result: ${text.slice(0, 300)}`);
    return outcomeOf(message, item);
  };

  const sendAll = async (messages: OutgoingMessage[]) => {
    const outcomes: SendOutcome[] = [];
    for (const message of messages) outcomes.push(await post(message));
    return outcomes;
  };

  return {
    kind: "remote",
    name: "acs_sms",
    chunkSize: options.chunkSize ?? 20,
    send: sendAll,
    /**
     * Sends again with the same repeatability id and first-sent time. That is safe because the
     * service decides, not us: if it never processed the first request it sends now ("sent"), and
     * if it did, the repeat is rejected without a second message ("sent" too, earlier). A resend
     * that fails is "not_sent": the contact goes back to PLANNED, and every
     * later attempt still carries the same id, so it can still never go twice.
     */
    async resolve(messages): Promise<ResolveOutcome[]> {
      const outcomes = await sendAll(messages);
      // A refusal (an invalid number) is "not_sent" too: the normal send path then records it properly.
      return outcomes.map(
        (o): ResolveOutcome => (o.status === "sent" ? o : { contactId: o.contactId, status: "not_sent" }),
      );
    },
  };
}

function outcomeOf(message: OutgoingMessage, item: SendResponseItem): SendOutcome {
  if (item.successful) {
    return {
      contactId: message.contactId,
      status: "sent",
      ...(item.messageId ? { providerMessageId: item.messageId } : {}),
    };
  }
  // A repeat of a request id the service already accepted: that first request sent the message.
  if (item.repeatabilityResult === "rejected") {
    return {
      contactId: message.contactId,
      status: "sent",
      ...(item.messageId ? { providerMessageId: item.messageId } : {}),
    };
  }
  const reason = `ACS ${item.httpStatusCode}: ${item.errorMessage ?? "not sent"}`;
  if (item.httpStatusCode === 429 || item.httpStatusCode >= 500) {
    return { contactId: message.contactId, status: "failed", reason, permanent: false };
  }
  // 400-class for one recipient: the number is invalid, unreachable or opted out at the carrier.
  return { contactId: message.contactId, status: "failed", reason, permanent: true, invalidAddress: true };
}

/** 010-1234-5678 → +821012345678; null for anything that is not a Korean mobile number. */
export function toE164(phone: string): string | null {
  const digits = phone.replace(/\D/g, "");
  const national = phone.trim().startsWith("+") || digits.startsWith("82") ? `0${digits.slice(2)}` : digits;
  if (!/^01[016789]\d{7,8}$/.test(national)) return null;
  return `+82${national.slice(1)}`;
}

/** A fixed namespace for the name-based GUIDs (RFC 4122 version 5) of our idempotency keys. */
const NAMESPACE = Buffer.from("6f1c2b4e9d0a4c5f8e3b7a2d1c0f9e8b", "hex");

/** The GUID ACS wants, derived from the idempotency key: the same key gives the same id on every attempt. */
export function repeatabilityRequestId(idempotencyKey: string): string {
  const bytes = createHash("sha1").update(NAMESPACE).update(idempotencyKey, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * ACS's HMAC-SHA256 request signature: the base64 key signs
 * "VERB\n<path and query>\n<x-ms-date>;<host>;<x-ms-content-sha256>". The stand-in verifies with the
 * same function, so both sides follow one written-down algorithm.
 */
export function signRequest(
  method: string,
  url: URL,
  body: string,
  accessKey: string,
  date = new Date(),
): Record<string, string> {
  const contentHash = createHash("sha256").update(body, "utf8").digest("base64");
  const xmsDate = date.toUTCString();
  const signature = hmacSignature(method, `${url.pathname}${url.search}`, xmsDate, url.host, contentHash, accessKey);
  return {
    "x-ms-date": xmsDate,
    "x-ms-content-sha256": contentHash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}

export function hmacSignature(
  method: string,
  pathAndQuery: string,
  xmsDate: string,
  host: string,
  contentHash: string,
  accessKey: string,
): string {
  const stringToSign = `${method.toUpperCase()}\n${pathAndQuery}\n${xmsDate};${host};${contentHash}`;
  return createHmac("sha256", Buffer.from(accessKey, "base64")).update(stringToSign, "utf8").digest("base64");
}
