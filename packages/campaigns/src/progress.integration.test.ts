import { createCustomer } from "@dangol/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CampaignUser,
  campaignAction,
  campaignProblemContacts,
  campaignProgress,
  createCampaign,
  dispatchBatch,
  offlineContactList,
  outboxProvider,
  planRun,
  progressIsLive,
} from "./index.ts";
import { campaignTestContext, nextSeoul, segmentOf, useSnapshot } from "./testing/fixtures.ts";

const context = campaignTestContext("progress");
const { prisma, producer } = context;
let crm: CampaignUser;
let admin: CampaignUser;

beforeAll(async () => {
  ({ crm, admin } = await context.users());
});

afterAll(() => context.close());

describe("campaignProgress", () => {
  it("counts each run's contacts by state (held at night, sent, excluded by reason, failed, unknown) and batches, as the rows say", async () => {
    const ids: bigint[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await createCustomer(prisma, { name: `진행${i}호`, consents: { SMS: true, DM: true, TM: true } });
      await prisma.customer.update({
        where: { id: c.id },
        data: { zip: "04524", addressText: `서울 중구 세종대로 ${i}` },
      });
      ids.push(c.id);
    }
    for (let i = 0; i < 2; i++) {
      const c = await createCustomer(prisma, { name: `거부${i}`, consents: { SMS: false, DM: false, TM: false } });
      ids.push(c.id);
    }
    const { segmentId, snapshotId } = await segmentOf(prisma, ids);
    const { id } = await createCampaign(prisma, crm, {
      name: "progress",
      theme: "win_back",
      segmentId,
      channels: [
        { channel: "SMS", text: "{{name}}님 반가워요", costPerContact: 20 },
        { channel: "DM", template: "{{name}}님께 드리는 편지", costPerContact: 500 },
        { channel: "TM", script: "{{name}}님께 안부 전화", costPerContact: 300 },
      ],
      schedule: { kind: "once", at: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      budget: 100_000,
      controlShare: 0,
    });
    expect(await campaignProgress(prisma, id)).toEqual([]);
    await campaignAction(prisma, producer, admin, id, "approve");
    await campaignAction(prisma, producer, crm, id, "schedule");
    await campaignAction(prisma, producer, crm, id, "start");
    const runId = await useSnapshot(prisma, id, snapshotId);

    const planning = await campaignProgress(prisma, id);
    expect(planning).toMatchObject([{ runId, status: "planning", sent: 0, batchesTotal: 0 }]);
    expect(progressIsLive(planning)).toBe(true);

    // 22:00 Seoul: the letters go, the texts and calls wait for 08:00.
    const at22 = nextSeoul(22);
    await planRun(prisma, runId, { now: at22 });
    const providers = {
      SMS: outboxProvider(),
      EMAIL: outboxProvider(),
      DM: outboxProvider("dm_file"),
      TM: outboxProvider("tm_list"),
    };
    await dispatchBatch(prisma, producer, providers, runId, 0, { now: () => at22 });

    // One dead letter and one lost answer, as a provider and a crash would leave them.
    const [failing, lost] = await prisma.campaignContact.findMany({
      where: { runId: BigInt(runId), channel: "SMS", status: "PLANNED" },
      orderBy: { id: "asc" },
      take: 2,
    });
    await prisma.campaignContact.update({
      where: { id: failing!.id },
      data: { status: "FAILED", failureReason: "invalid number", attempts: 3, finishedAt: at22 },
    });
    await prisma.campaignContact.update({
      where: { id: lost!.id },
      data: {
        status: "UNKNOWN",
        failureReason: "provider cannot tell",
        attempts: 1,
        claimedAt: at22,
        finishedAt: at22,
      },
    });

    const [progress] = await campaignProgress(prisma, id, at22);
    // the same counts by hand, straight from the rows
    const rows = await prisma.campaignContact.findMany({ where: { runId: BigInt(runId) } });
    const count = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length;
    expect(progress).toMatchObject({
      runId,
      target: 6,
      control: 0,
      planned: count((r) => r.status === "PLANNED" && r.dueAt <= at22),
      held: count((r) => r.status === "PLANNED" && r.dueAt > at22),
      sent: count((r) => r.status === "SENT"),
      failed: 1,
      unknown: 1,
      excluded: 6,
      excludedByReason: { no_consent: 6 },
      sentByChannel: { DM: 6 },
      batchesTotal: 1,
    });
    // 6 texts + 6 calls held, less the two altered above
    expect(progress!.held).toBe(10);
    expect(progress!.planned).toBe(0);
    // at 09:00 the same contacts are no longer held but due
    const [morning] = await campaignProgress(prisma, id, new Date(at22.getTime() + 11 * 3_600_000));
    expect(morning).toMatchObject({ held: 0, planned: 10 });

    const problems = await campaignProblemContacts(prisma, id);
    expect(problems.failed.total).toBe(1);
    expect(problems.failed.rows[0]).toMatchObject({
      customerId: failing!.customerId.toString(),
      channel: "SMS",
      reason: "invalid number",
      attempts: 3,
    });
    expect(problems.failed.rows[0]!.maskedName).toMatch(/^진\*+호$/);
    expect(problems.unknown).toMatchObject({ total: 1, rows: [{ reason: "provider cannot tell" }] });
    expect((await campaignProblemContacts(prisma, id, 0)).failed.rows).toEqual([]);

    const letters = await offlineContactList(prisma, crm, id, runId, "DM");
    expect(letters).toHaveLength(6);
    expect(letters[0]).toMatchObject({ zip: "04524", phone: null });
    expect(letters[0]!.address).toMatch(/^서울 중구 세종대로 \d$/);
    expect(letters[0]!.text).toContain(`${letters[0]!.name}님께 드리는 편지`);
    // the calls are still held: nothing to hand the call centre yet
    expect(await offlineContactList(prisma, crm, id, runId, "TM")).toEqual([]);
    const audit = await prisma.auditLog.findFirst({
      where: { action: "campaign.export", targetId: id },
      orderBy: { id: "asc" },
    });
    expect(audit?.details).toMatchObject({ runId, channel: "DM", rows: 6, personal: true });
    await expect(offlineContactList(prisma, crm, id, "999999999", "DM")).rejects.toThrow("does not exist");
    await expect(offlineContactList(prisma, { ...crm, role: "ANALYST" }, id, runId, "DM")).rejects.toThrow(
      "CRM managers",
    );
  });
});
