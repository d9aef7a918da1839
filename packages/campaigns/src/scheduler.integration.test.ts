import { createCustomer } from "@dangol/db/seed";
import type { CampaignDefinitionInput } from "@dangol/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CampaignUser, campaignAction, createCampaign, launchDueRuns, planRun } from "./index.ts";
import { campaignTestContext, nextSeoul, segmentOf } from "./testing/fixtures.ts";

const context = campaignTestContext("scheduler");
const { prisma, producer } = context;
let crm: CampaignUser;
let admin: CampaignUser;

beforeAll(async () => {
  ({ crm, admin } = await context.users());
});

afterAll(() => context.close());

async function scheduled(definition: Omit<CampaignDefinitionInput, "segmentId">, customerIds: bigint[]) {
  const { segmentId } = await segmentOf(prisma, customerIds);
  const { id } = await createCampaign(prisma, crm, { ...definition, segmentId });
  await campaignAction(prisma, producer, admin, id, "approve");
  await campaignAction(prisma, producer, crm, id, "schedule");
  return id;
}

const sms = { channel: "SMS" as const, text: "{{name}}님 안녕하세요", costPerContact: 20 };

describe("the minute tick", () => {
  it("launches a due recurring run once, moves the campaign to RUNNING and counts the next occurrence from now", async () => {
    const customer = await createCustomer(prisma, { name: "정기", consents: { SMS: true } });
    const id = await scheduled(
      {
        name: "weekly",
        theme: "vip_retention",
        channels: [sms],
        schedule: { kind: "recurring", preset: "daily_morning", time: "10:00" },
        budget: 10_000,
      },
      [customer.id],
    );
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: BigInt(id) } });
    const due = campaign.nextRunAt!;
    // The worker was away for three days: one run, not three.
    const now = new Date(due.getTime() + 3 * 86_400_000 + 60_000);
    const first = await launchDueRuns(prisma, producer, now, [id]);
    expect(first.launched).toHaveLength(1);
    const after = await prisma.campaign.findUniqueOrThrow({ where: { id: BigInt(id) } });
    expect(after.state).toBe("RUNNING");
    expect(after.nextRunAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(after.nextRunAt!.getTime() - now.getTime()).toBeLessThanOrEqual(86_400_000);
    const runs = await prisma.campaignRun.findMany({ where: { campaignId: BigInt(id) } });
    expect(runs.map((r) => r.dueAt)).toEqual([due]);
    expect(await producer.queue("campaigns").getJob(`launch-${runs[0]!.id}`)).toBeTruthy();
    // A repeated tick at the same minute finds nothing due.
    expect((await launchDueRuns(prisma, producer, now, [id])).launched).toEqual([]);
    const audit = await prisma.auditLog.findMany({
      where: { targetType: "campaign", targetId: id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorEmail])).toContainEqual(["campaign.start", "system:worker"]);
  });

  it("completes a one-off campaign once its run is done", async () => {
    const customer = await createCustomer(prisma, { name: "한번", consents: { SMS: false } });
    const at = nextSeoul(10, 2);
    const id = await scheduled(
      { name: "once", theme: "win_back", channels: [sms], schedule: { kind: "once", at: at.toISOString() }, budget: 1 },
      [customer.id],
    );
    const now = new Date(at.getTime() + 60_000);
    const { launched } = await launchDueRuns(prisma, producer, now, [id]);
    expect(launched).toHaveLength(1);
    const runId = launched[0]!;
    // Its only customer has no consent: the plan has no batch and the run is done at once.
    const run = await prisma.campaignRun.findUniqueOrThrow({ where: { id: BigInt(runId) } });
    const { snapshotId } = await segmentOf(prisma, [customer.id]);
    await prisma.campaignRun.update({ where: { id: run.id }, data: { snapshotId } });
    expect(await planRun(prisma, runId, { now })).toMatchObject({ status: "planned", eligible: 0, batches: 0 });
    const { completed } = await launchDueRuns(prisma, producer, new Date(now.getTime() + 60_000), [id]);
    expect(completed).toContain(id);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: BigInt(id) } })).state).toBe("COMPLETED");
  });
});

describe("triggered runs", () => {
  it("take only the members the trigger names, once per occasion", async () => {
    const due = await createCustomer(prisma, { name: "주기도래", consents: { SMS: true } });
    const notDue = await createCustomer(prisma, { name: "주기아님", consents: { SMS: true } });
    for (const [customer, dueNow] of [
      [due, true],
      [notDue, false],
    ] as const)
      await prisma.customerMetrics.create({
        data: {
          customerId: customer.id,
          asOf: new Date("2026-01-01"),
          firstPurchaseOn: new Date("2025-01-01"),
          lastPurchaseOn: new Date("2025-12-01"),
          purchaseDays: 5,
          recencyDays: 31,
          frequency: 5,
          monetary: 100_000n,
          lifecycleStage: "active",
          dueNow,
          tierCode: "BASIC",
          spend12m: 100_000n,
          visits12m: 5,
          formatCombo: "MART",
          computedAt: new Date(),
        },
      });
    const { segmentId, snapshotId } = await segmentOf(prisma, [due.id, notDue.id]);
    const { id } = await createCampaign(prisma, crm, {
      name: "cycle due",
      theme: "purchase_cycle",
      segmentId,
      channels: [sms],
      schedule: { kind: "trigger", trigger: "cycle_due_today", time: "10:00" },
      budget: 10_000,
      controlShare: 0,
    });
    const campaignId = BigInt(id);
    const plan = async (dueAt: Date) => {
      const run = await prisma.campaignRun.create({
        data: {
          campaignId,
          dueAt,
          seed: dueAt.toISOString(),
          definition: {
            schedule: { kind: "trigger", trigger: "cycle_due_today", time: "10:00" },
            responseWindowDays: 14,
            controlShare: 0,
            channels: [sms],
            offer: { kind: "none" },
          },
          snapshotId,
        },
      });
      return planRun(prisma, run.id.toString(), { now: dueAt });
    };
    const day1 = nextSeoul(10, 3);
    expect(await plan(day1)).toMatchObject({ snapshotSize: 1, eligible: 1 });
    // The next morning the same customer is still due: taken already within the window.
    expect(await plan(new Date(day1.getTime() + 86_400_000))).toMatchObject({ snapshotSize: 0 });
  });
});
