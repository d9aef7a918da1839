import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AcsStandIn, startAcsStandIn } from "../testing/acs-stand-in.ts";
import { acsSmsProvider, repeatabilityRequestId, toE164 } from "./acs-sms.ts";
import type { OutgoingMessage } from "./provider.ts";

let standIn: AcsStandIn;
beforeAll(async () => {
  standIn = await startAcsStandIn({ invalid: (to) => to.startsWith("+8210999") });
});
afterAll(() => standIn.close());

const provider = () =>
  acsSmsProvider({ endpoint: standIn.endpoint, accessKey: standIn.accessKey, from: "+8215990000" });

let nextId = 1n;
function sms(to: string, text = "(광고)단골마트 안녕하세요"): OutgoingMessage {
  const contactId = nextId++;
  return {
    contactId,
    customerId: contactId,
    channel: "SMS",
    idempotencyKey: `r1-c${contactId}-SMS-${Date.now()}`,
    firstClaimedAt: new Date("2026-11-24T01:00:00Z"),
    to,
    recipientName: null,
    body: text,
  };
}

describe("ACS SMS provider against the stand-in", () => {
  it("sends one request per message, signed, to the E.164 number", async () => {
    const message = sms("010-1234-5678", "김단골님 쿠폰 ABC");
    const [outcome] = await provider().send([message]);
    expect(outcome).toMatchObject({ contactId: message.contactId, status: "sent" });
    const delivered = standIn.delivered.find((d) => d.requestId === repeatabilityRequestId(message.idempotencyKey));
    expect(delivered).toMatchObject({ to: "+821012345678", message: "김단골님 쿠폰 ABC", from: "+8215990000" });
    expect(outcome?.status === "sent" && outcome.providerMessageId).toBe(delivered?.messageId);
  });

  it("refuses a wrong signature (the stand-in checks the HMAC like the service)", async () => {
    const wrong = acsSmsProvider({
      endpoint: standIn.endpoint,
      accessKey: Buffer.from("not the key").toString("base64"),
      from: "+8215990000",
    });
    await expect(wrong.send([sms("010-2222-3333")])).rejects.toThrow(/credentials \(401\)/);
  });

  it("an invalid number is a permanent failure that marks the address invalid", async () => {
    const [outcome] = await provider().send([sms("010-9991-2345")]);
    expect(outcome).toMatchObject({ status: "failed", permanent: true, invalidAddress: true });
    const [local] = await provider().send([sms("02-123-4567")]);
    expect(local).toMatchObject({ status: "failed", permanent: true, invalidAddress: true });
  });

  it("429 is transient: retried later, nothing delivered", async () => {
    const before = standIn.delivered.length;
    standIn.throttleNext(1);
    const message = sms("010-3333-4444");
    const [outcome] = await provider().send([message]);
    expect(outcome).toMatchObject({ status: "failed", permanent: false });
    expect(standIn.delivered.length).toBe(before);
    const [again] = await provider().send([message]);
    expect(again).toMatchObject({ status: "sent" });
    expect(standIn.delivered.length).toBe(before + 1);
  });

  it("a resend with the same repeatability id is not delivered twice, and resolve says sent", async () => {
    const message = sms("010-5555-6666");
    const p = provider();
    await p.send([message]);
    const [resent] = await p.send([message]);
    expect(resent).toMatchObject({ status: "sent" });
    const [resolved] = await p.resolve([message]);
    expect(resolved).toMatchObject({ status: "sent" });
    // Never sent before the "crash": resolve sends it now, once.
    const fresh = sms("010-7777-8888");
    expect((await p.resolve([fresh]))[0]).toMatchObject({ status: "sent" });
    expect((await p.resolve([fresh]))[0]).toMatchObject({ status: "sent" });
    for (const m of [message, fresh]) {
      expect(standIn.delivered.filter((d) => d.requestId === repeatabilityRequestId(m.idempotencyKey))).toHaveLength(1);
    }
  });

  it("derives a stable GUID per key and converts Korean mobiles to E.164", () => {
    const id = repeatabilityRequestId("r1-c2-SMS");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(repeatabilityRequestId("r1-c2-SMS")).toBe(id);
    expect(repeatabilityRequestId("r1-c3-SMS")).not.toBe(id);
    expect(toE164("010-1234-5678")).toBe("+821012345678");
    expect(toE164("+82-10-1234-5678")).toBe("+821012345678");
    expect(toE164("011 123 4567")).toBe("+82111234567");
    expect(toE164("02-123-4567")).toBeNull();
  });
});
