import { createCustomer } from "@dangol/db/seed";
import type { CampaignDefinitionInput } from "@dangol/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CampaignUser,
  type ChannelProvider,
  campaignAction,
  createCampaign,
  dispatchBatch,
  type OutgoingMessage,
  outboxProvider,
  type ProviderSet,
  planRun,
} from "./index.ts";
import { campaignTestContext, nextSeoul, segmentOf, useSnapshot } from "./testing/fixtures.ts";

const context = campaignTestContext("dispatch");
const { prisma, producer } = context;
let crm: CampaignUser;
let admin: CampaignUser;

/** Draft → approved → scheduled → started by hand; the run's snapshot is the test's own. */
async function launched(definition: Omit<CampaignDefinitionInput, "segmentId">, customerIds: bigint[]) {
  const { segmentId, snapshotId } = await segmentOf(prisma, customerIds);
  const { id } = await createCampaign(prisma, crm, { ...definition, segmentId });
  await campaignAction(prisma, producer, admin, id, "approve");
  await campaignAction(prisma, producer, crm, id, "schedule");
  await campaignAction(prisma, producer, crm, id, "start");
  return { campaignId: id, runId: await useSnapshot(prisma, id, snapshotId) };
}

const smsCampaign = (name: string, controlShare = 0.2): Omit<CampaignDefinitionInput, "segmentId"> => ({
  name,
  theme: "win_back",
  channels: [{ channel: "SMS", text: "{{name}}님, 다시 만나요. 쿠폰 {{coupon}}", costPerContact: 20 }],
  offer: { kind: "coupon", uniquePerRecipient: true },
  schedule: { kind: "once", at: nextSeoul(10, 30).toISOString() },
  budget: 100_000,
  controlShare,
});

/** One at a time: the factory upserts the source systems, which parallel calls would race on. */
async function customers(
  n: number,
  name: string,
  consents: NonNullable<Parameters<typeof createCustomer>[1]>["consents"],
) {
  const list = [];
  for (let i = 0; i < n; i++) list.push(await createCustomer(prisma, { name: `${name}${i}`, consents }));
  return list;
}

async function statuses(runId: string) {
  const rows = await prisma.campaignContact.groupBy({
    by: ["status"],
    where: { runId: BigInt(runId) },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** An outside provider (as SMTP or an SMS API would be) that records what reached it. */
function recordingProvider(options: { failAfter?: number; canTell: boolean }): ChannelProvider & {
  received: OutgoingMessage[];
} {
  const received: OutgoingMessage[] = [];
  let calls = 0;
  return {
    kind: "remote",
    name: "recording",
    chunkSize: 5,
    received,
    async send(messages) {
      calls++;
      if (options.failAfter !== undefined && calls > options.failAfter) {
        // The request reached the provider, then the connection died before its answer.
        received.push(...messages);
        throw new Error("connection reset");
      }
      received.push(...messages);
      return messages.map((m) => ({ contactId: m.contactId, status: "sent", providerMessageId: `m${m.contactId}` }));
    },
    async resolve(messages) {
      return messages.map((m) =>
        options.canTell
          ? received.some((r) => r.idempotencyKey === m.idempotencyKey)
            ? { contactId: m.contactId, status: "sent" }
            : { contactId: m.contactId, status: "not_sent" }
          : { contactId: m.contactId, status: "unknown", reason: "the SMTP server cannot be asked" },
      );
    },
  };
}

const outboxes = (sms: ChannelProvider): ProviderSet => ({
  SMS: sms,
  EMAIL: outboxProvider(),
  DM: outboxProvider("dm_file"),
  TM: outboxProvider("tm_list"),
});

beforeAll(async () => {
  ({ crm, admin } = await context.users());
});

afterAll(() => context.close());

describe("launch and dispatch", () => {
  it("plans target, control and exclusions, then sends every target contact exactly once", async () => {
    const consenting = await customers(20, "동의", { SMS: true });
    const refusing = await customers(4, "거부", { SMS: false });
    const suppressed = await createCustomer(prisma, { name: "억제", consents: { SMS: true } });
    await prisma.campaignSuppression.create({
      data: { customerId: suppressed.id, channel: null, reason: "complaint", source: "crm" },
    });
    const landline = await createCustomer(prisma, { name: "유선", phone: "02-123-4567", consents: { SMS: true } });
    const ids = [...consenting, ...refusing, suppressed, landline].map((c) => c.id);
    const { runId } = await launched(smsCampaign("win back once"), ids);

    const plan = await planRun(prisma, runId, { now: nextSeoul(10) });
    expect(plan).toMatchObject({ status: "planned", snapshotSize: 26, eligible: 20, control: 4, target: 16 });
    expect(plan.excluded).toEqual({ no_consent: 4, suppressed: 1, no_address: 1 });
    // A second launch of the same run (a retried job) plans nothing more.
    expect((await planRun(prisma, runId)).status).toBe("already_planned");

    const sms = recordingProvider({ canTell: true });
    const result = await dispatchBatch(prisma, producer, outboxes(sms), runId, 0, { now: () => nextSeoul(10) });
    expect(result).toMatchObject({ status: "done", sent: 16, failed: 0 });
    expect(await statuses(runId)).toEqual({ SENT: 16, EXCLUDED: 6 });
    expect(new Set(sms.received.map((m) => m.to)).size).toBe(16);
    const first = sms.received[0]!;
    expect(first.body.startsWith("(광고)단골마트")).toBe(true);
    expect(first.body).toContain("무료수신거부 080-000-0000");
    expect(first.body).toMatch(/쿠폰 [0-9A-Z]{10}/);
    // Control members got nothing and their batch has a send time, the start of their window.
    const control = await prisma.campaignMember.findMany({ where: { runId: BigInt(runId), group: "CONTROL" } });
    expect(sms.received.some((m) => control.some((c) => c.customerId === m.customerId))).toBe(false);
    const batch = await prisma.campaignBatch.findFirstOrThrow({ where: { runId: BigInt(runId) } });
    expect(batch.sentAt).not.toBeNull();
    expect((await prisma.campaignRun.findUniqueOrThrow({ where: { id: BigInt(runId) } })).status).toBe("done");
  });

  it("holds ads at night until 08:00 unless the customer gave night-time consent", async () => {
    const night = await createCustomer(prisma, { name: "야간동의", consents: { SMS: true, NIGHT: true } });
    const day = await customers(3, "주간", { SMS: true });
    const { runId } = await launched(smsCampaign("night hold", 0), [night.id, ...day.map((d) => d.id)]);
    const at22 = nextSeoul(22);
    await planRun(prisma, runId, { now: at22 });
    const sms = recordingProvider({ canTell: true });
    const evening = await dispatchBatch(prisma, producer, outboxes(sms), runId, 0, { now: () => at22 });
    expect(evening.status).toBe("held");
    expect(sms.received.map((m) => m.recipientName)).toEqual(["야간동의"]);
    const eight = new Date(at22.getTime() + 10 * 3_600_000);
    expect(evening.heldUntil).toEqual(eight);
    // 07:59 nothing moves; at 08:00 the held three go.
    const early = await dispatchBatch(prisma, producer, outboxes(sms), runId, 0, {
      now: () => new Date(eight.getTime() - 60_000),
    });
    expect(early.sent).toBe(0);
    const morning = await dispatchBatch(prisma, producer, outboxes(sms), runId, 0, { now: () => eight });
    expect(morning).toMatchObject({ status: "done", sent: 3 });
    expect(sms.received).toHaveLength(4);
  });

  it("re-checks consent at send time: an opt-out after the launch excludes the contact", async () => {
    const people = await customers(3, "재확인", { SMS: true });
    const { runId } = await launched(
      smsCampaign("recheck", 0),
      people.map((c) => c.id),
    );
    const at = nextSeoul(11);
    await planRun(prisma, runId, { now: at });
    await prisma.consentEvent.create({
      data: {
        customerId: people[0]!.id,
        channel: "SMS",
        granted: false,
        changedAt: new Date(),
        source: "DANGOL_STORE",
      },
    });
    const sms = recordingProvider({ canTell: true });
    const result = await dispatchBatch(prisma, producer, outboxes(sms), runId, 0, { now: () => at });
    expect(result).toMatchObject({ sent: 2, excluded: 1 });
    const excluded = await prisma.campaignContact.findFirstOrThrow({
      where: { runId: BigInt(runId), customerId: people[0]!.id },
    });
    expect(excluded).toMatchObject({ status: "EXCLUDED", exclusionReason: "no_consent" });
  });

  it("credits a points offer once per customer and run, whatever the channels", async () => {
    const people = [];
    for (let i = 0; i < 2; i++)
      people.push(
        await createCustomer(prisma, {
          name: `포인트${i}`,
          email: `points${i}-${Date.now()}@example.com`,
          consents: { SMS: true, EMAIL: true },
        }),
      );
    const { runId } = await launched(
      {
        ...smsCampaign("points bonus", 0),
        channels: [
          { channel: "SMS", text: "{{name}}님께 {{points}}포인트를 드렸어요", costPerContact: 20 },
          { channel: "EMAIL", subject: "포인트 선물", html: "<p>{{points}}포인트</p>", costPerContact: 5 },
        ],
        offer: { kind: "points", points: 3_000 },
      },
      people.map((p) => p.id),
    );
    const at = nextSeoul(13);
    await planRun(prisma, runId, { now: at });
    const sms = recordingProvider({ canTell: true });
    expect(await dispatchBatch(prisma, producer, outboxes(sms), runId, 0, { now: () => at })).toMatchObject({
      sent: 4,
    });
    expect(sms.received[0]?.body).toContain("3,000포인트");
    const credits = await prisma.pointEntry.findMany({
      where: { customerId: { in: people.map((p) => p.id) }, createdBy: `campaign-run:${runId}` },
    });
    expect(credits.map((c) => [c.kind, c.points])).toEqual([
      ["EARN", 3_000],
      ["EARN", 3_000],
    ]);
    expect(credits[0]?.expiresOn).not.toBeNull();
  });

  it("after a crash mid-send, resolves claimed contacts with the provider and never sends one twice", async () => {
    const people = await customers(12, "장애", { SMS: true });
    const at = nextSeoul(12);
    for (const canTell of [true, false]) {
      const { runId } = await launched(
        smsCampaign(`crash ${canTell}`, 0),
        people.map((c) => c.id),
      );
      await planRun(prisma, runId, { now: at });
      const sms = recordingProvider({ canTell, failAfter: 1 });
      await expect(dispatchBatch(prisma, producer, outboxes(sms), runId, 0, { now: () => at })).rejects.toThrow(
        "connection reset",
      );
      expect(await statuses(runId)).toEqual({ SENT: 5, CLAIMED: 5, PLANNED: 2 });
      // The retried job: the provider that can tell confirms the five; the one that can't leaves them unknown.
      const healthy = recordingProvider({ canTell });
      healthy.received.push(...sms.received);
      const retried = await dispatchBatch(prisma, producer, outboxes(healthy), runId, 0, { now: () => at });
      expect(retried.status).toBe("done");
      expect(await statuses(runId)).toEqual(canTell ? { SENT: 12 } : { SENT: 7, UNKNOWN: 5 });
      const keys = healthy.received.map((m) => m.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(12);
    }
  });
});
