import { createServer, type Server } from "node:net";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, seed } from "@dangol/db/seed";
import { SEOUL_UTC_OFFSET_MS } from "@dangol/domain";
import { createRedis, JobProducer } from "@dangol/jobs";
import { freePort } from "@dangol/testkit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignAction, createCampaign } from "../campaigns.ts";
import { dispatchBatch } from "../dispatch.ts";
import { planRun } from "../launch.ts";
import { type SmtpInbox, startSmtpInbox } from "../testing/smtp-inbox.ts";
import { outboxProvider } from "./outbox.ts";
import type { OutgoingMessage } from "./provider.ts";
import { smtpProvider } from "./smtp.ts";

const prisma = createPrismaClient(process.env.DATABASE_URL ?? "");
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const producer = new JobProducer(redis, `test-smtp-${process.pid}`);
const FROM = "단골마트 <ads@mart.dangol.test>";
let inbox: SmtpInbox;
const tag = Date.now().toString(36);

beforeAll(async () => {
  await seed(prisma, { demoRetailer: false });
  inbox = await startSmtpInbox({
    refuse: (to) => (to.startsWith("nobody") ? 550 : to.startsWith("busy") ? 452 : null),
  });
});

afterAll(async () => {
  await inbox.close();
  await producer.queue("campaigns").obliterate({ force: true });
  await producer.close();
  await redis.quit();
  await prisma.$disconnect();
});

let nextId = 1n;
function mail(to: string): OutgoingMessage {
  const contactId = nextId++;
  return {
    contactId,
    customerId: contactId,
    channel: "EMAIL",
    idempotencyKey: `r0-c${contactId}-EMAIL-${tag}`,
    firstClaimedAt: new Date(),
    to,
    recipientName: "김단골",
    subject: "(광고) 겨울 세일",
    body: "겨울 세일",
    html: "<p>겨울 세일</p>",
  };
}

describe("SMTP provider against an in-process SMTP server", () => {
  it("sends with the idempotency key in the Message-ID and X-Dangol-Contact; 550 is a bad address, 452 transient", async () => {
    const provider = smtpProvider({ smtpUrl: inbox.url, from: FROM });
    const ok = mail(`ok-${tag}@example.com`);
    const bad = mail(`nobody-${tag}@example.com`);
    const busy = mail(`busy-${tag}@example.com`);
    const ok2 = mail(`ok2-${tag}@example.com`);
    const outcomes = await provider.send([ok, bad, busy, ok2]);
    await provider.close?.();
    expect(outcomes[0]).toEqual({
      contactId: ok.contactId,
      status: "sent",
      providerMessageId: `<${ok.idempotencyKey}@mart.dangol.test>`,
    });
    expect(outcomes[1]).toMatchObject({ status: "failed", permanent: true, invalidAddress: true });
    expect(outcomes[1]?.status === "failed" && outcomes[1].reason).toMatch(/^550/);
    expect(outcomes[2]).toMatchObject({ status: "failed", permanent: false });
    // The refused transactions were reset: the connection still carries the next message.
    expect(outcomes[3]).toMatchObject({ status: "sent" });
    const got = inbox.received.filter((m) => m.contact?.endsWith(tag));
    expect(got.map((m) => m.to[0])).toEqual([ok.to, ok2.to]);
    expect(got[0]).toMatchObject({ messageId: `<${ok.idempotencyKey}@mart.dangol.test>`, contact: ok.idempotencyKey });
    expect((await provider.resolve([ok]))[0]).toMatchObject({ status: "unknown" });
  });

  it("a server that cannot be reached is a transient failure for the whole chunk", async () => {
    const port = await freePort();
    const provider = smtpProvider({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 2_000 });
    const outcomes = await provider.send([mail("a@example.com"), mail("b@example.com")]);
    expect(outcomes.map((o) => o.status === "failed" && o.permanent)).toEqual([false, false]);
  });

  it("a connection lost after the body went over propagates (the chunk stays CLAIMED)", async () => {
    // Speaks SMTP up to DATA's 354, then hangs up as soon as the body arrives.
    const server: Server = createServer((socket) => {
      let inData = false;
      socket.write("220 flaky ESMTP\r\n");
      socket.on("data", (chunk) => {
        if (inData) return void socket.destroy();
        for (const line of chunk.toString().split("\r\n").filter(Boolean)) {
          if (/^EHLO/i.test(line)) socket.write("250 flaky\r\n");
          else if (/^DATA/i.test(line)) {
            inData = true;
            socket.write("354 go ahead\r\n");
          } else socket.write("250 ok\r\n");
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const provider = smtpProvider({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 2_000 });
    await expect(provider.send([mail("c@example.com")])).rejects.toThrow();
    server.close();
  });
});

describe("dispatch through SMTP", () => {
  it("a 550 refusal fails the contact for good and marks the address invalid", async () => {
    const good = await createCustomer(prisma, {
      name: "메일수신",
      email: `good-${tag}@example.com`,
      consents: { EMAIL: true, NIGHT: true },
    });
    const gone = await createCustomer(prisma, {
      name: "메일없음",
      email: `nobody-${tag}@example.com`,
      consents: { EMAIL: true, NIGHT: true },
    });
    const crm = await prisma.user.findUniqueOrThrow({ where: { email: "crm@dangol.local" } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@dangol.local" } });
    const segment = await prisma.segment.create({
      data: {
        name: `smtp test ${tag}`,
        ownerId: crm.id,
        definition: { kind: "group", op: "and", negate: false, children: [] },
      },
    });
    const snapshot = await prisma.segmentSnapshot.create({
      data: {
        segmentId: segment.id,
        reason: "manual",
        definition: {},
        size: 2,
        spend12m: 0n,
        baseSize: 0,
        members: { create: [good, gone].map((c) => ({ customerId: c.id })) },
      },
    });
    const local = new Date(Date.now() + SEOUL_UTC_OFFSET_MS);
    const at = new Date(
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 30, 11) - SEOUL_UTC_OFFSET_MS,
    );
    const { id } = await createCampaign(
      prisma,
      { id: crm.id, email: crm.email, role: crm.role },
      {
        name: `smtp ${tag}`,
        theme: "win_back",
        channels: [
          {
            channel: "EMAIL",
            subject: "(광고) 다시 만나요",
            html: "<p>{{name}}님, 다시 만나요</p>",
            costPerContact: 10,
          },
        ],
        offer: { kind: "none" },
        schedule: { kind: "once", at: at.toISOString() },
        budget: 100_000,
        controlShare: 0,
        segmentId: segment.id.toString(),
      },
    );
    const adminUser = { id: admin.id, email: admin.email, role: admin.role };
    const crmUser = { id: crm.id, email: crm.email, role: crm.role };
    await campaignAction(prisma, producer, adminUser, id, "approve");
    await campaignAction(prisma, producer, crmUser, id, "schedule");
    await campaignAction(prisma, producer, crmUser, id, "start");
    const run = await prisma.campaignRun.findFirstOrThrow({ where: { campaignId: BigInt(id) } });
    await prisma.campaignRun.update({ where: { id: run.id }, data: { snapshotId: snapshot.id } });
    const runId = run.id.toString();
    await planRun(prisma, runId, { now: at });

    const provider = smtpProvider({ smtpUrl: inbox.url, from: FROM });
    const providers = {
      SMS: outboxProvider(),
      EMAIL: provider,
      DM: outboxProvider("dm_file"),
      TM: outboxProvider("tm_list"),
    };
    const result = await dispatchBatch(prisma, producer, providers, runId, 0, {
      now: () => at,
      unsubscribeUrl: (contactId) => `http://localhost:3000/u/${contactId}.test`,
    });
    await provider.close?.();
    expect(result).toMatchObject({ status: "done", sent: 1, failed: 1 });
    const contacts = await prisma.campaignContact.findMany({
      where: { runId: run.id },
      orderBy: { customerId: "asc" },
    });
    const byCustomer = new Map(contacts.map((c) => [c.customerId, c]));
    const sent = byCustomer.get(good.id)!;
    expect(sent).toMatchObject({ status: "SENT", provider: "smtp" });
    expect(sent.providerMessageId).toBe(`<${sent.idempotencyKey}@mart.dangol.test>`);
    expect(byCustomer.get(gone.id)).toMatchObject({ status: "FAILED" });
    expect(byCustomer.get(gone.id)?.failureReason).toMatch(/^550/);
    const invalid = await prisma.contactAddressInvalid.findMany({ where: { customerId: { in: [good.id, gone.id] } } });
    expect(invalid).toEqual([
      expect.objectContaining({ customerId: gone.id, channel: "EMAIL", address: `nobody-${tag}@example.com` }),
    ]);
    const delivered = inbox.received.filter((m) => m.contact === sent.idempotencyKey);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.raw).toContain(`/u/${sent.id}.test`);
  });
});
