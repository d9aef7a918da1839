import type { ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { type CampaignUser, campaignAction, createCampaign, repeatabilityRequestId } from "@dangol/campaigns";
import { type AcsStandIn, startAcsStandIn } from "@dangol/campaigns/testing/acs-stand-in";
import { type SmtpInbox, startSmtpInbox } from "@dangol/campaigns/testing/smtp-inbox";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, seed } from "@dangol/db/seed";
import { createRedis, JobProducer } from "@dangol/jobs";
import { finished, freePort, startTs, waitFor } from "@dangol/testkit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The proof: a campaign over e-mail (SMTP) and SMS (the ACS stand-in) sent by a real worker
 * process that is SIGKILLed twice mid-dispatch. Counted at the providers, not in our own tables:
 * no inbox holds a message twice, the stand-in delivered every SMS exactly once, and every contact
 * ends in a final state.
 */
const databaseUrl = process.env.DATABASE_URL ?? "";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test-crash-${randomUUID().slice(0, 8)}`;
const prisma = createPrismaClient(databaseUrl);
const redis = createRedis(redisUrl);
const producer = new JobProducer(redis, prefix);
const tag = Date.now().toString(36);
const CUSTOMERS = 150;
const FINAL = ["SENT", "FAILED", "EXCLUDED", "UNKNOWN"];

let inbox: SmtpInbox;
let acs: AcsStandIn;
let worker: ChildProcess | undefined;
let settingsVersion: number | undefined;
const logs: string[] = [];

async function startWorker(): Promise<ChildProcess> {
  const port = await freePort();
  const child = startTs("apps/worker/src/main.ts", [], {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    DANGOL_QUEUE_PREFIX: prefix,
    WORKER_HEALTH_PORT: String(port),
    LOG_LEVEL: "warn",
    SMTP_URL: inbox.url,
    MAIL_FROM: "단골마트 <ads@mart.dangol.test>",
    ACS_SMS_ENDPOINT: acs.endpoint,
    ACS_SMS_ACCESS_KEY: acs.accessKey,
    ACS_SMS_FROM: "+8215880000",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    AUTH_URL: "https://crm.dangol.test",
  });
  const exit = finished(child);
  void exit.then(({ stderr }) => logs.push(stderr));
  await waitFor(async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return response.status === 200 ? true : undefined;
  }, 30_000);
  return child;
}

/**
 * SIGKILL, then what BullMQ would find ~60 s later (the lock's TTL is the queue's lockDuration):
 * the dead worker's lock gone and the job already seen active by one stalled check. The next
 * worker's first stalled check then returns the job to the queue through BullMQ's own script (and
 * counts the stall), instead of the test sleeping out the lock.
 */
async function crash(child: ChildProcess): Promise<void> {
  const exit = finished(child);
  child.kill("SIGKILL");
  await exit;
  const active = await producer.queue("campaigns").getActive();
  for (const job of active) {
    await redis.del(`${prefix}:campaigns:${job.id}:lock`);
    await redis.sadd(`${prefix}:campaigns:stalled`, job.id ?? "");
  }
  await redis.del(`${prefix}:campaigns:stalled-check`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function counts(runId: bigint): Promise<Record<string, number>> {
  const rows = await prisma.campaignContact.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

async function userOf(email: string): Promise<CampaignUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email: u.email, role: u.role };
}

beforeAll(async () => {
  await seed(prisma, { demoRetailer: false });
  // Slow answers widen the window between "the provider took it" and "we recorded it", where the kills land.
  inbox = await startSmtpInbox({ answerDelayMs: 40 });
  acs = await startAcsStandIn({ answerDelayMs: 20 });
  // Slow enough that the dispatch lasts several seconds (the shared database gets its defaults back
  // in afterAll by removing this version).
  const [latest] = await prisma.$queryRaw<{ version: number; value: Record<string, unknown> }[]>`
    SELECT version, value FROM analytics_config WHERE kind = 'campaigns' ORDER BY version DESC LIMIT 1`;
  settingsVersion = (latest?.version ?? 0) + 1;
  await prisma.analyticsConfig.create({
    data: {
      kind: "campaigns",
      version: settingsVersion,
      value: { ...(latest?.value ?? {}), ratePerSecond: { SMS: 25, EMAIL: 25, DM: 10_000, TM: 10_000 } },
      createdBy: "crash test",
    },
  });
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exit = finished(worker);
    worker.kill("SIGTERM");
    await exit;
  }
  if (settingsVersion !== undefined) {
    await prisma.analyticsConfig.deleteMany({ where: { kind: "campaigns", version: settingsVersion } });
  }
  await inbox?.close();
  await acs?.close();
  await producer.queue("campaigns").obliterate({ force: true });
  await producer.queue("maintenance").obliterate({ force: true });
  await producer.close();
  redis.disconnect();
  await prisma.$disconnect();
});

describe("campaign dispatch survives a killed worker", () => {
  it("sends every e-mail at most once and every SMS exactly once across two SIGKILLs", async () => {
    // NIGHT consent too: CI at night (Seoul) must not see the sends held until 08:00.
    const customers = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      customers.push(
        await createCustomer(prisma, {
          name: `장애${i}`,
          email: `crash-${tag}-${i}@example.com`,
          consents: { SMS: true, EMAIL: true, NIGHT: true },
        }),
      );
    }
    const crm = await userOf("crm@dangol.local");
    const admin = await userOf("admin@dangol.local");
    const segment = await prisma.segment.create({
      data: {
        name: `crash test ${tag}`,
        ownerId: crm.id,
        definition: { kind: "group", op: "and", negate: false, children: [] },
      },
    });
    const snapshot = await prisma.segmentSnapshot.create({
      data: {
        segmentId: segment.id,
        reason: "manual",
        definition: {},
        size: customers.length,
        spend12m: 0n,
        baseSize: 0,
        members: { create: customers.map((c) => ({ customerId: c.id })) },
      },
    });
    const { id } = await createCampaign(prisma, crm, {
      name: `crash ${tag}`,
      theme: "win_back",
      channels: [
        { channel: "SMS", text: "{{name}}님, 다시 만나요", costPerContact: 20 },
        { channel: "EMAIL", subject: "(광고) 다시 만나요", html: "<p>{{name}}님, 다시 만나요</p>", costPerContact: 10 },
      ],
      offer: { kind: "none" },
      schedule: { kind: "once", at: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      budget: 100_000,
      controlShare: 0,
      segmentId: segment.id.toString(),
    });
    await campaignAction(prisma, producer, admin, id, "approve");
    await campaignAction(prisma, producer, crm, id, "schedule");
    // "Send now" queues the launch; no worker runs yet, so the run gets the test's snapshot first.
    await campaignAction(prisma, producer, crm, id, "start");
    const run = await prisma.campaignRun.findFirstOrThrow({ where: { campaignId: BigInt(id) } });
    await prisma.campaignRun.update({ where: { id: run.id }, data: { snapshotId: snapshot.id } });
    const total = CUSTOMERS * 2;
    const moved = async () => {
      const c = await counts(run.id);
      return (c.SENT ?? 0) + (c.CLAIMED ?? 0) + (c.UNKNOWN ?? 0) + (c.FAILED ?? 0);
    };

    const inFlight = async (channel: "SMS" | "EMAIL") =>
      (await prisma.campaignContact.count({ where: { runId: run.id, channel, status: "CLAIMED" } })) > 0;
    const started = Date.now();
    worker = await startWorker();
    // First kill with an SMS chunk in flight (resolved by resending with the same repeatability id),
    // the second with an e-mail chunk in flight (UNKNOWN: the SMTP server cannot be asked).
    await waitFor(async () => ((await moved()) >= 20 && (await inFlight("SMS")) ? true : undefined), 40_000);
    await pause(150); // a few of the chunk's messages reach the provider, the rest not yet
    await crash(worker);
    const atFirst = await moved();

    worker = await startWorker();
    await waitFor(async () => ((await moved()) > atFirst && (await inFlight("EMAIL")) ? true : undefined), 40_000);
    await pause(150); // a few of the chunk's messages reach the provider, the rest not yet
    await crash(worker);
    const atSecond = await moved();
    expect(atSecond).toBeLessThan(total);

    worker = await startWorker();
    await waitFor(async () => {
      const c = await counts(run.id);
      const done = FINAL.reduce((sum, s) => sum + (c[s] ?? 0), 0);
      return done === total ? c : undefined;
    }, 60_000).catch(async (error) => {
      const failed = await producer.queue("campaigns").getFailed();
      throw new Error(
        `${error.message}: contacts ${JSON.stringify(await counts(run.id))}, failed jobs ${JSON.stringify(
          failed.map((j) => [j.id, j.failedReason]),
        )}, worker stderr ${logs.join("\n").slice(-2000)}`,
      );
    });
    const elapsed = Date.now() - started;

    const contacts = await prisma.campaignContact.findMany({ where: { runId: run.id } });
    expect(contacts).toHaveLength(total);
    expect(contacts.every((c) => FINAL.includes(c.status))).toBe(true);

    // E-mail, counted in the inbox: no message twice; what arrived is SENT or (some of) UNKNOWN.
    const emails = contacts.filter((c) => c.channel === "EMAIL");
    const keys = inbox.received.map((m) => m.contact ?? "");
    expect(new Set(keys).size).toBe(keys.length);
    const byRecipient = new Map<string, number>();
    for (const m of inbox.received) for (const to of m.to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
    expect([...byRecipient.values()].every((n) => n === 1)).toBe(true);
    const sentKeys = new Set(emails.filter((c) => c.status === "SENT").map((c) => c.idempotencyKey));
    const unknownKeys = new Set(emails.filter((c) => c.status === "UNKNOWN").map((c) => c.idempotencyKey));
    expect(keys.every((k) => sentKeys.has(k) || unknownKeys.has(k))).toBe(true);
    expect([...sentKeys].every((k) => keys.includes(k))).toBe(true);
    const unknownDelivered = keys.filter((k) => unknownKeys.has(k)).length;
    expect(unknownKeys.size).toBeGreaterThan(0);
    expect(inbox.received.length).toBe(sentKeys.size + unknownDelivered);
    for (const m of inbox.received) expect(m.messageId).toBe(`<${m.contact}@mart.dangol.test>`);

    // SMS, counted at the stand-in: each contact delivered exactly once, and every one SENT.
    const sms = contacts.filter((c) => c.channel === "SMS");
    expect(sms.every((c) => c.status === "SENT")).toBe(true);
    const deliveries = new Map<string, number>();
    for (const d of acs.delivered) deliveries.set(d.requestId, (deliveries.get(d.requestId) ?? 0) + 1);
    for (const c of sms) expect(deliveries.get(repeatabilityRequestId(c.idempotencyKey))).toBe(1);
    expect(acs.delivered).toHaveLength(sms.length);

    console.info(
      `crash test: ${total} contacts, e-mail SENT ${sentKeys.size} / UNKNOWN ${unknownKeys.size} (${unknownDelivered} of them in the inbox), SMS SENT ${sms.length}, ${Math.round(elapsed / 1000)} s from the first worker start`,
    );
  }, 170_000);
});
