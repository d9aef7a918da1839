import { randomBytes } from "node:crypto";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt, upsertFixtureUser } from "@dangol/db/seed";
import { cumulativeResponse, type MarginRates } from "@dangol/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareCampaigns, cumulativeResponseCurve, measureCampaign } from "./measure.ts";

/*
 * A small fixed case computed by hand. Two sent batches (T0, T1 = T0 + 1 day) and one unsent,
 * a 7-day window, 10 target + 10 control members measured (+ 1 each pending in the unsent batch).
 * Margin rates: category A 30 % (its child A1 has none: takes A's), B 10 %, unclassified 20 %.
 *
 * target (all 10 measured, intent to treat):
 *   t0 b0 sale T0+1h  A1 20,000                 → responder, rev 20,000, margin 6,000
 *   t1 b0 sale T0+2d  B 10,000 + none 5,000     → responder, rev 15,000, margin 2,000
 *         return T0+3d B −10,000                →            rev −10,000, margin −1,000
 *   t2 b0 sale T0−1h (before the window)        → nothing
 *   t3 b0 sale T0+7d exactly (window end, open) → nothing
 *   t4 b0 nothing
 *   t5 b1 sale T1 exactly  A 40,000              → responder, rev 40,000, margin 12,000
 *   t6 b1 return only T1+1d A −8,000              → not a responder, rev −8,000, margin −2,400
 *   t7 b1 sale T0+12h (before its batch's send)  → nothing
 *   t8 b1 sale T1+6d23h B 30,000                 → responder, rev 30,000, margin 3,000
 *   t9 b1 nothing
 *   → 4 responders, revenue 87,000, margin 19,600
 * control: c0 b0 sale T0+3d A1 10,000 (3,000); c5 b1 sale T1+2d B 20,000 + none 10,000 (4,000);
 *   c6 b1 sale T1+7d (window end) → 2 responders, revenue 40,000, margin 7,000
 * pending (batch 2 unsent): t10 and c10, each with a sale that must not count.
 * contacts: SMS SENT t0–t7 (8 × ₩30), FAILED t8, EXCLUDED t9, PLANNED t10;
 *           EMAIL SENT t0 t1 t2 t5 (4 × ₩10), UNKNOWN t3 → cost 280.
 */

const databaseUrl = process.env.DATABASE_URL ?? "";
const prisma = createPrismaClient(databaseUrl);
const tag = randomBytes(3).toString("hex").toUpperCase();
const A = `MA${tag}`;
const A1 = `MA${tag}1`;
const B = `MB${tag}`;
const theme = `measure_${tag.toLowerCase()}`;
const marginRates: MarginRates = { defaultRate: 0.2, rates: { [A]: 0.3, [B]: 0.1 } };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-03-02T01:00:00Z");
const T1 = new Date(T0.getTime() + DAY);
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

let campaignId = "";
const ids: Record<string, bigint> = {};

beforeAll(async () => {
  const owner = await upsertFixtureUser(prisma, {
    email: `measure-${tag.toLowerCase()}@dangol.test`,
    role: "CRM_MANAGER",
    password: "measure-test-1",
  });
  await prisma.category.createMany({
    data: [
      { code: A, level: 1, parentCode: null, nameKo: "측정A" },
      { code: B, level: 1, parentCode: null, nameKo: "측정B" },
    ],
  });
  await prisma.category.create({ data: { code: A1, level: 2, parentCode: A, nameKo: "측정A1" } });
  const store = await createDemoStore(prisma, { code: `MS${tag}` });
  for (const name of [
    ...Array.from({ length: 11 }, (_, i) => `t${i}`),
    ...Array.from({ length: 11 }, (_, i) => `c${i}`),
  ])
    ids[name] = (await createCustomer(prisma, { name: `측정${name}` })).id;

  const segment = await prisma.segment.create({
    data: {
      name: `측정 ${tag}`,
      ownerId: owner.id,
      definition: { kind: "group", op: "and", negate: false, children: [] },
    },
  });
  const definition = {
    name: `측정 캠페인 ${tag}`,
    theme,
    responseWindowDays: 7,
    channels: [
      { channel: "SMS", text: "(광고) 측정", costPerContact: 30 },
      { channel: "EMAIL", subject: "(광고) 측정", html: "<p>측정</p>", costPerContact: 10 },
    ],
  };
  const campaign = await prisma.campaign.create({
    data: { name: definition.name, theme, ownerId: owner.id, segmentId: segment.id, state: "RUNNING", definition },
  });
  // A campaign of the same theme that never launched: not compared.
  await prisma.campaign.create({
    data: { name: `미발송 ${tag}`, theme, ownerId: owner.id, segmentId: segment.id, definition },
  });
  campaignId = campaign.id.toString();
  const run = await prisma.campaignRun.create({
    data: { campaignId: campaign.id, dueAt: T0, status: "dispatching", seed: "s", definition, target: 11, control: 11 },
  });
  const batchOf = (i: number) => (i < 5 ? 0 : i < 10 ? 1 : 2);
  await prisma.campaignBatch.createMany({
    data: [
      { runId: run.id, batchNo: 0, size: 10, sentAt: T0 },
      { runId: run.id, batchNo: 1, size: 10, sentAt: T1 },
      { runId: run.id, batchNo: 2, size: 2, sentAt: null },
    ],
  });
  await prisma.campaignMember.createMany({
    data: Array.from({ length: 11 }, (_, i) => [
      {
        runId: run.id,
        campaignId: campaign.id,
        customerId: ids[`t${i}`]!,
        group: "TARGET" as const,
        stratum: "NONE",
        batchNo: batchOf(i),
      },
      {
        runId: run.id,
        campaignId: campaign.id,
        customerId: ids[`c${i}`]!,
        group: "CONTROL" as const,
        stratum: "NONE",
        batchNo: batchOf(i),
      },
    ]).flat(),
  });
  type Status = "PLANNED" | "SENT" | "FAILED" | "EXCLUDED" | "UNKNOWN";
  const contact = (i: number, channel: "SMS" | "EMAIL", status: Status) => ({
    runId: run.id,
    campaignId: campaign.id,
    customerId: ids[`t${i}`]!,
    channel,
    batchNo: batchOf(i),
    status,
    idempotencyKey: `m${tag}-${i}-${channel}`,
    dueAt: batchOf(i) === 0 ? T0 : T1,
    exclusionReason: status === "EXCLUDED" ? "no_consent" : null,
    failureReason: status === "FAILED" || status === "UNKNOWN" ? "provider error" : null,
    finishedAt: status === "PLANNED" ? null : at(batchOf(i) === 0 ? T0 : T1, 60_000),
  });
  await prisma.campaignContact.createMany({
    data: [
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => contact(i, "SMS", "SENT")),
      contact(8, "SMS", "FAILED"),
      contact(9, "SMS", "EXCLUDED"),
      contact(10, "SMS", "PLANNED"),
      ...[0, 1, 2, 5].map((i) => contact(i, "EMAIL", "SENT")),
      contact(3, "EMAIL", "UNKNOWN"),
    ],
  });

  const buy = (who: string, soldAt: Date, lines: [string | null, number][], type: "SALE" | "RETURN" = "SALE") =>
    createReceipt(prisma, {
      storeId: store.id,
      customerId: ids[who]!,
      soldAt,
      type,
      lines: lines.map(([categoryCode, amount]) => ({
        categoryCode,
        quantity: amount < 0 ? -1 : 1,
        unitPrice: Math.abs(amount),
        amount,
      })),
    });
  await buy("t0", at(T0, HOUR), [[A1, 20_000]]);
  await buy("t1", at(T0, 2 * DAY), [
    [B, 10_000],
    [null, 5_000],
  ]);
  await buy("t1", at(T0, 3 * DAY), [[B, -10_000]], "RETURN");
  await buy("t2", at(T0, -HOUR), [[A, 99_000]]);
  await buy("t3", at(T0, 7 * DAY), [[A, 99_000]]);
  await buy("t5", T1, [[A, 40_000]]);
  await buy("t6", at(T1, DAY), [[A, -8_000]], "RETURN");
  await buy("t7", at(T0, 12 * HOUR), [[A, 99_000]]);
  await buy("t8", at(T1, 6 * DAY + 23 * HOUR), [[B, 30_000]]);
  await buy("t10", at(T1, DAY), [[A, 99_000]]);
  await buy("c0", at(T0, 3 * DAY), [[A1, 10_000]]);
  await buy("c5", at(T1, 2 * DAY), [
    [B, 20_000],
    [null, 10_000],
  ]);
  await buy("c6", at(T1, 7 * DAY), [[A, 99_000]]);
  await buy("c10", at(T1, DAY), [[A, 99_000]]);
}, 60_000);

afterAll(async () => {
  await prisma.$disconnect();
});

// Φ for the hand computation: p = erfc(|z|/√2), values from Python's math.erfc.
const close = (value: number | null | undefined, expected: number, digits = 9) =>
  expect(value ?? Number.NaN).toBeCloseTo(expected, digits);

describe("measureCampaign", () => {
  it("matches the hand computation for the whole campaign", async () => {
    const m = await measureCampaign(prisma, campaignId, { marginRates });
    expect(m.pending).toEqual({ target: 1, control: 1 });
    expect(m.responseWindowDays).toBe(7);
    const o = m.overall;
    expect(o.target).toMatchObject({ size: 10, responders: 4, revenue: 87_000 });
    expect(o.control).toMatchObject({ size: 10, responders: 2, revenue: 40_000 });
    close(o.target.grossMargin, 19_600, 6);
    close(o.control.grossMargin, 7_000, 6);
    close(o.target.responseRate, 0.4);
    close(o.control.responseRate, 0.2);
    close(o.rateDifference, 0.2);
    close(o.relativeLift, 1);
    close(o.incrementalResponders, 2);
    close(o.incrementalRevenue, (8_700 - 4_000) * 10, 6);
    close(o.incrementalGrossMargin, (1_960 - 700) * 10, 6);
    expect(o.cost).toBe(8 * 30 + 4 * 10);
    close(o.roi, (12_600 - 280) / 280);
    // pooled p̂ = 6/20 = 0.3: z = 0.2 / √(0.3·0.7·(1/10 + 1/10))
    const z = 0.2 / Math.sqrt(0.3 * 0.7 * 0.2);
    close(o.zTest?.z, z);
    close(o.zTest?.pValue, 0.32911398597860814, 8);
    // unpooled se = √(0.4·0.6/10 + 0.2·0.8/10) = 0.2
    close(o.confidenceInterval95?.low, 0.2 - 1.959964 * 0.2);
    close(o.confidenceInterval95?.high, 0.2 + 1.959964 * 0.2);
  });

  it("measures each channel's SENT targets against the whole control group", async () => {
    const m = await measureCampaign(prisma, campaignId, { marginRates });
    expect(m.channels.map((c) => c.channel)).toEqual(["SMS", "EMAIL"]);
    const [sms, email] = m.channels;
    // SMS: t0–t7; responders t0 t1 t5; revenue 20,000 + 5,000 + 40,000 − 8,000; margin 6,000 + 1,000 + 12,000 − 2,400
    expect(sms).toMatchObject({ sent: 8, cost: 240, controlBasis: "whole_control" });
    expect(sms?.lift.target).toMatchObject({ size: 8, responders: 3, revenue: 57_000 });
    expect(sms?.lift.control).toMatchObject({ size: 10, responders: 2, revenue: 40_000 });
    close(sms?.lift.incrementalRevenue, 57_000 - 4_000 * 8, 6);
    close(sms?.lift.incrementalGrossMargin, 16_600 - 700 * 8, 6);
    close(sms?.lift.roi, (11_000 - 240) / 240);
    close(sms?.lift.zTest?.pValue, 0.41011699167908083, 8);
    // EMAIL: t0 t1 t2 t5; responders t0 t1 t5; revenue 65,000; margin 19,000
    expect(email).toMatchObject({ sent: 4, cost: 40 });
    expect(email?.lift.target).toMatchObject({ size: 4, responders: 3, revenue: 65_000 });
    close(email?.lift.incrementalGrossMargin, 19_000 - 700 * 4, 6);
    close(email?.lift.roi, (16_200 - 40) / 40);
  });

  it("draws the cumulative response curve day by day, as the domain's cumulativeResponse would", async () => {
    const curve = await cumulativeResponseCurve(prisma, campaignId);
    expect(curve.map((p) => p.targetResponders)).toEqual([2, 2, 3, 3, 3, 3, 4]);
    expect(curve.map((p) => p.controlResponders)).toEqual([0, 0, 1, 2, 2, 2, 2]);
    close(curve[6]?.targetRate, 0.4);
    close(curve[6]?.controlRate, 0.2);

    // The same from the pure rule, fed per customer: first positive purchases by hand.
    const first: Record<string, Date> = {
      t0: at(T0, HOUR),
      t1: at(T0, 2 * DAY),
      t5: T1,
      t8: at(T1, 6 * DAY + 23 * HOUR),
      c0: at(T0, 3 * DAY),
      c5: at(T1, 2 * DAY),
    };
    const sendAt = (id: string) => (Number(id.slice(1)) < 5 ? T0 : T1);
    const expected = cumulativeResponse(
      {
        target: Array.from({ length: 10 }, (_, i) => `t${i}`),
        control: Array.from({ length: 10 }, (_, i) => `c${i}`),
      },
      7,
      sendAt,
      (id) => first[id] ?? null,
    );
    expect(curve).toEqual(expected);
  });
});

describe("compareCampaigns", () => {
  it("lists launched campaigns with their figures and rolls them up per theme", async () => {
    const { campaigns, themes } = await compareCampaigns(prisma, { theme }, { marginRates });
    expect(campaigns).toHaveLength(1);
    const row = campaigns[0]!;
    expect(row).toMatchObject({ campaignId, theme, state: "RUNNING", targets: 10, control: 10, pending: 2, cost: 280 });
    expect(row.launchedAt?.toISOString()).toBe(T0.toISOString());
    close(row.incrementalRevenue, 47_000, 6);
    close(row.roi, (12_600 - 280) / 280);
    close(row.pValue, 0.32911398597860814, 8);
    expect(themes).toHaveLength(1);
    expect(themes[0]).toMatchObject({ theme, campaigns: 1, targets: 10, control: 10, cost: 280 });
    close(themes[0]?.incrementalGrossMargin, 12_600, 6);
    close(themes[0]?.roi, (12_600 - 280) / 280);
  });

  it("reads the margin rates from the stored campaign settings when none are given", async () => {
    // A settings version of its own (the database is shared), then the defaults again as a newer one.
    const store = (value: unknown) => prisma.$executeRaw`
      INSERT INTO analytics_config (kind, version, value, created_by)
      SELECT 'campaigns', coalesce(max(version), 0) + 1, ${JSON.stringify(value)}::jsonb, 'test'
        FROM analytics_config WHERE kind = 'campaigns'`;
    await store({ marginRates: { defaultRate: 0.4, rates: {} } });
    try {
      const m = await measureCampaign(prisma, campaignId);
      close(m.overall.target.grossMargin, 87_000 * 0.4, 6);
    } finally {
      await store({});
    }
  });
});

describe("coupon redemptions", () => {
  it("count members whose own code (or the shared one) is on a receipt in their window", async () => {
    const id = BigInt(campaignId);
    const run = await prisma.campaignRun.findFirstOrThrow({ where: { campaignId: id } });
    expect((await measureCampaign(prisma, campaignId, { marginRates })).couponRedemptions).toBeNull();
    const definition = run.definition as Record<string, unknown>;
    await prisma.campaignRun.update({
      where: { id: run.id },
      data: { definition: { ...definition, offer: { kind: "coupon", uniquePerRecipient: true } } },
    });
    const codeOf = (who: string) => `CP${tag}${who.toUpperCase()}`;
    for (const who of ["t0", "t1", "t5"])
      await prisma.campaignContact.updateMany({
        where: { runId: run.id, customerId: ids[who]! },
        data: { couponCode: codeOf(who) },
      });
    // t0 redeems its own code; t1 shows t0's code (not its own); c0's receipt carries t5's code.
    const stamp = async (who: string, codes: string[]) =>
      prisma.receipt.updateMany({
        where: { customerId: ids[who]!, netAmount: { gt: 0 } },
        data: { couponCodes: codes },
      });
    await stamp("t0", [codeOf("t0")]);
    await stamp("t1", [codeOf("t0")]);
    await stamp("c0", [codeOf("t5")]);
    try {
      const m = await measureCampaign(prisma, campaignId, { marginRates });
      expect(m.couponRedemptions).toEqual({ target: 1, control: 0 });
    } finally {
      await prisma.campaignRun.update({ where: { id: run.id }, data: { definition: definition as object } });
    }
  });
});

describe("analytics views", () => {
  it("give the analysts the same responses as the measurement, sent batches only", async () => {
    const rows = await prisma.$queryRaw<{ group: string; members: number; responders: number; revenue: bigint }[]>`
      SELECT "group", count(*)::int AS members, count(*) FILTER (WHERE responded)::int AS responders,
             sum(revenue)::bigint AS revenue
        FROM analytics.campaign_responses WHERE campaign_id = ${BigInt(campaignId)}
       GROUP BY "group" ORDER BY "group"`;
    expect(rows).toEqual([
      { group: "CONTROL", members: 10, responders: 2, revenue: 40_000n },
      { group: "TARGET", members: 10, responders: 4, revenue: 87_000n },
    ]);
    const [pending] = await prisma.$queryRaw<{ n: number; end: Date | null }[]>`
      SELECT count(*) FILTER (WHERE window_start IS NULL)::int AS n, max(window_end) AS end
        FROM analytics.campaign_members WHERE campaign_id = ${BigInt(campaignId)}`;
    expect(pending?.n).toBe(2);
    expect(pending?.end?.toISOString()).toBe(at(T1, 7 * DAY).toISOString());
    const [campaign] = await prisma.$queryRaw<
      { owner_role: string; channels: string[]; response_window_days: number }[]
    >`
      SELECT owner_role, channels, response_window_days FROM analytics.campaigns WHERE campaign_id = ${BigInt(campaignId)}`;
    expect(campaign).toEqual({ owner_role: "CRM_MANAGER", channels: ["SMS", "EMAIL"], response_window_days: 7 });
    const statuses = await prisma.$queryRaw<{ status: string; n: number }[]>`
      SELECT status, count(*)::int AS n FROM analytics.campaign_contacts
       WHERE campaign_id = ${BigInt(campaignId)} GROUP BY status ORDER BY status`;
    expect(statuses).toEqual([
      { status: "EXCLUDED", n: 1 },
      { status: "FAILED", n: 1 },
      { status: "PLANNED", n: 1 },
      { status: "SENT", n: 12 },
      { status: "UNKNOWN", n: 1 },
    ]);
  });

  it("let the query role read the campaign views but not the outbox, the contacts' table or addresses", async () => {
    const can = async (object: string) =>
      (
        await prisma.$queryRaw<{ ok: boolean }[]>`
          SELECT has_table_privilege('dangol_query', ${object}, 'SELECT') AS ok`
      )[0]?.ok;
    for (const view of ["campaigns", "campaign_runs", "campaign_members", "campaign_contacts", "campaign_responses"])
      expect(await can(`analytics.${view}`)).toBe(true);
    for (const table of ["public.campaign_outbox", "public.campaign_contact", "public.contact_address_invalid"])
      expect(await can(table)).toBe(false);
    const columns = await prisma.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns
       WHERE table_schema = 'analytics' AND table_name = 'campaign_contacts'`;
    const names = columns.map((c) => c.column_name);
    for (const leak of ["recipient", "body", "subject", "coupon_code", "failure_reason", "idempotency_key"])
      expect(names).not.toContain(leak);
  });
});
