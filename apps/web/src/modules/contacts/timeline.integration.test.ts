import { randomBytes } from "node:crypto";
import { getPrisma } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt, upsertFixtureUser } from "@dangol/db/seed";
import { afterAll, describe, expect, it } from "vitest";
import { loadTimeline } from "./queries.ts";

const db = getPrisma();
const tag = randomBytes(3).toString("hex");
const DAY = 24 * 3_600_000;
const sentAt = new Date("2026-04-01T01:00:00Z");

afterAll(async () => {
  await db.$disconnect();
});

async function campaignWith(name: string, customerId: bigint, group: "TARGET" | "CONTROL") {
  const owner = await upsertFixtureUser(db, {
    email: `timeline-${tag}@dangol.test`,
    role: "CRM_MANAGER",
    password: "timeline-test-1",
  });
  const segment = await db.segment.create({
    data: { name: `timeline ${tag}`, ownerId: owner.id, definition: {} },
  });
  const definition = { responseWindowDays: 7, channels: [] };
  const campaign = await db.campaign.create({
    data: { name, theme: "win_back", ownerId: owner.id, segmentId: segment.id, state: "RUNNING", definition },
  });
  const run = await db.campaignRun.create({
    data: { campaignId: campaign.id, dueAt: sentAt, status: "dispatching", seed: "s", definition },
  });
  await db.campaignBatch.create({ data: { runId: run.id, batchNo: 0, size: 1, sentAt } });
  await db.campaignMember.create({
    data: { runId: run.id, campaignId: campaign.id, customerId, group, stratum: "NONE", batchNo: 0 },
  });
  return { campaign, run };
}

describe("loadTimeline", () => {
  it("shows a customer's campaign contacts by outcome and the response within the window, no planned ones", async () => {
    const customer = await createCustomer(db, { name: "캠페인고객" });
    const store = await createDemoStore(db, { code: `TL${tag}` });
    const { campaign, run } = await campaignWith(`봄맞이 ${tag}`, customer.id, "TARGET");
    const contact = (
      channel: "SMS" | "EMAIL" | "DM",
      status: "SENT" | "EXCLUDED" | "PLANNED",
      finishedAt: Date | null,
    ) => ({
      runId: run.id,
      campaignId: campaign.id,
      customerId: customer.id,
      channel,
      batchNo: 0,
      status,
      idempotencyKey: `tl${tag}-${channel}`,
      dueAt: sentAt,
      exclusionReason: status === "EXCLUDED" ? "no_consent" : null,
      finishedAt,
    });
    await db.campaignContact.createMany({
      data: [
        contact("SMS", "SENT", new Date(sentAt.getTime() + 60_000)),
        contact("EMAIL", "EXCLUDED", new Date(sentAt.getTime() - DAY)),
        contact("DM", "PLANNED", null),
      ],
    });
    const purchase = new Date(sentAt.getTime() + 2 * DAY);
    await createReceipt(db, { storeId: store.id, customerId: customer.id, soldAt: purchase });

    const items = await loadTimeline(customer.id);
    expect(items.map((i) => i.kind)).toEqual(["campaign_response", "campaign_contact", "campaign_contact"]);
    expect(items[0]).toMatchObject({ campaign: `봄맞이 ${tag}`, at: purchase });
    expect(items[1]).toMatchObject({ channel: "SMS", outcome: "SENT", reason: null });
    expect(items[2]).toMatchObject({ channel: "EMAIL", outcome: "EXCLUDED", reason: "no_consent" });
  });

  it("gives a control member no campaign entry, purchase or not", async () => {
    const customer = await createCustomer(db, { name: "통제고객" });
    const store = await createDemoStore(db, { code: `TC${tag}` });
    await campaignWith(`통제 ${tag}`, customer.id, "CONTROL");
    await createReceipt(db, { storeId: store.id, customerId: customer.id, soldAt: new Date(sentAt.getTime() + DAY) });
    expect(await loadTimeline(customer.id)).toEqual([]);
  });
});
