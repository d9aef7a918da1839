import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { ACS_SMS_API_VERSION, hmacSignature } from "../providers/acs-sms.ts";

export type Delivered = { to: string; message: string; requestId: string; messageId: string; from: string };

export type AcsStandIn = {
  /** http://127.0.0.1:<port>, the ACS_SMS_ENDPOINT to give the provider */
  endpoint: string;
  accessKey: string;
  /** every SMS "handed to the carrier", once per accepted repeatability id */
  delivered: Delivered[];
  /** requests that reached the handler (signature checked or not) */
  requests: number;
  /** answer the next n requests with 429 as the service does when throttling */
  throttleNext(n: number): void;
  close(): Promise<void>;
};

/**
 * A local stand-in for Azure Communication Services' POST /sms: it checks the HMAC-SHA256
 * signature the way the service does, and keeps repeatability per recipient like it — a request id
 * it accepted before is answered "rejected" and not delivered again. Numbers that `invalid` picks
 * get a per-recipient 400, as an unreachable number does.
 */
export async function startAcsStandIn(
  options: {
    accessKey?: string;
    invalid?: (to: string) => boolean;
    /** wait this long before answering (after delivering): a crash can fall between the two */
    answerDelayMs?: number;
  } = {},
): Promise<AcsStandIn> {
  const accessKey = options.accessKey ?? Buffer.from(randomUUID()).toString("base64");
  const accepted = new Map<string, Delivered>();
  let throttle = 0;
  const state: AcsStandIn = {
    endpoint: "",
    accessKey,
    delivered: [],
    requests: 0,
    throttleNext(n) {
      throttle = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer(async (req, res) => {
    state.requests++;
    const body = await readBody(req);
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method !== "POST" || url.pathname !== "/sms") return send(404, { error: { code: "NotFound" } });
    if (url.searchParams.get("api-version") !== ACS_SMS_API_VERSION) {
      return send(400, { error: { code: "UnsupportedApiVersion" } });
    }
    if (!authorized(req, body, accessKey)) return send(401, { error: { code: "Denied", message: "bad signature" } });
    if (throttle > 0) {
      throttle--;
      return send(429, { error: { code: "TooManyRequests" } });
    }
    const request = JSON.parse(body) as {
      from: string;
      message: string;
      smsRecipients: { to: string; repeatabilityRequestId?: string; repeatabilityFirstSent?: string }[];
    };
    const value = request.smsRecipients.map((recipient) => {
      const id = recipient.repeatabilityRequestId;
      if (id && !recipient.repeatabilityFirstSent) {
        return {
          to: recipient.to,
          httpStatusCode: 400,
          successful: false,
          errorMessage: "repeatabilityFirstSent missing",
        };
      }
      if (id && accepted.has(id)) {
        return { to: recipient.to, httpStatusCode: 409, successful: false, repeatabilityResult: "rejected" };
      }
      if (options.invalid?.(recipient.to)) {
        return {
          to: recipient.to,
          httpStatusCode: 400,
          successful: false,
          errorMessage: "Invalid To phone number format.",
        };
      }
      const delivered: Delivered = {
        to: recipient.to,
        message: request.message,
        requestId: id ?? "",
        messageId: `Outgoing_${randomUUID()}_noam`,
        from: request.from,
      };
      if (id) accepted.set(id, delivered);
      state.delivered.push(delivered);
      return {
        to: recipient.to,
        messageId: delivered.messageId,
        httpStatusCode: 202,
        successful: true,
        ...(id ? { repeatabilityResult: "accepted" } : {}),
      };
    });
    setTimeout(() => send(202, { value }), options.answerDelayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function authorized(req: IncomingMessage, body: string, accessKey: string): boolean {
  const date = req.headers["x-ms-date"];
  const hash = req.headers["x-ms-content-sha256"];
  const auth = req.headers.authorization ?? "";
  const host = req.headers.host;
  if (typeof date !== "string" || typeof hash !== "string" || !host) return false;
  if (createHash("sha256").update(body, "utf8").digest("base64") !== hash) return false;
  const match = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/.exec(auth);
  if (!match) return false;
  const expected = Buffer.from(hmacSignature(req.method ?? "", req.url ?? "", date, host, hash, accessKey));
  const given = Buffer.from(match[1]!);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (chunk: Buffer) => parts.push(chunk));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}
