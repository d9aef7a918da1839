import { createPrismaClient } from "@dangol/db/client";
import { seed } from "@dangol/db/seed";
import type { CampaignDefinitionInput } from "@dangol/domain";
import { createRedis, JobProducer } from "@dangol/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CampaignUser,
  campaignAction,
  campaignCalendar,
  createCampaign,
  createPromotion,
  deletePromotion,
  getPromotion,
  listPromotions,
  PromotionNotFoundError,
  promotionInputSchema,
  updatePromotion,
} from "./index.ts";

const prisma = createPrismaClient(process.env.DATABASE_URL ?? "");
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
// approve and schedule enqueue nothing; the producer is only the service's required argument
const producer = new JobProducer(redis, `test-promotions-${process.pid}`);
let crm: CampaignUser;
const actor = () => ({ id: crm.id, email: crm.email, role: crm.role });

beforeAll(async () => {
  await seed(prisma, { demoRetailer: false });
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "crm@dangol.local" } });
  crm = { id: u.id, email: u.email, role: u.role };
});

afterAll(async () => {
  await producer.close();
  await redis.quit();
  await prisma.$disconnect();
});

// Far-future days no other test file's rows fall on (they share the database).
const base = { kind: "sale" as const, formats: ["MART", "DPT"] as ("DPT" | "MART" | "SM")[], note: "" };

describe("promotions", () => {
  it("creates, reads, updates and deletes a promotion, each change audited", async () => {
    const created = await createPromotion(
      prisma,
      { ...base, name: "  창립 기념 세일 ", startsOn: "2031-03-10", endsOn: "2031-03-16", note: "전 점포" },
      actor(),
    );
    // formats come back in the fixed DPT, MART, SM order, the name trimmed
    expect(created).toMatchObject({
      name: "창립 기념 세일",
      kind: "sale",
      formats: ["DPT", "MART"],
      startsOn: "2031-03-10",
      endsOn: "2031-03-16",
      note: "전 점포",
      createdBy: "crm@dangol.local",
    });
    expect(await getPromotion(prisma, created.id)).toEqual(created);

    const updated = await updatePromotion(
      prisma,
      created.id,
      { name: "창립 기념 사은 행사", kind: "gift", formats: ["SM"], startsOn: "2031-03-12", endsOn: "2031-03-12" },
      actor(),
    );
    expect(updated).toMatchObject({ kind: "gift", formats: ["SM"], startsOn: "2031-03-12", endsOn: "2031-03-12" });

    await deletePromotion(prisma, created.id, actor());
    await expect(getPromotion(prisma, created.id)).rejects.toBeInstanceOf(PromotionNotFoundError);
    await expect(deletePromotion(prisma, created.id, actor())).rejects.toBeInstanceOf(PromotionNotFoundError);
    await expect(
      updatePromotion(
        prisma,
        created.id,
        { ...base, name: "x", startsOn: "2031-03-12", endsOn: "2031-03-12" },
        actor(),
      ),
    ).rejects.toBeInstanceOf(PromotionNotFoundError);

    const audit = await prisma.auditLog.findMany({
      where: { targetType: "promotion", targetId: created.id },
      orderBy: { id: "asc" },
      select: { action: true, actorEmail: true },
    });
    expect(audit).toEqual([
      { action: "promotion.create", actorEmail: "crm@dangol.local" },
      { action: "promotion.update", actorEmail: "crm@dangol.local" },
      { action: "promotion.delete", actorEmail: "crm@dangol.local" },
    ]);
  });

  it("lists the promotions with a day in the range, ends inclusive", async () => {
    const a = await createPromotion(
      prisma,
      { ...base, name: "A", startsOn: "2032-01-25", endsOn: "2032-02-01" },
      actor(),
    );
    const b = await createPromotion(
      prisma,
      { ...base, name: "B", startsOn: "2032-02-29", endsOn: "2032-03-05" },
      actor(),
    );
    const c = await createPromotion(
      prisma,
      { ...base, name: "C", startsOn: "2032-02-02", endsOn: "2032-02-28" },
      actor(),
    );
    await createPromotion(prisma, { ...base, name: "D", startsOn: "2032-03-01", endsOn: "2032-03-02" }, actor());
    const feb = await listPromotions(prisma, { from: "2032-02-01", to: "2032-02-29" });
    expect(feb.map((p) => p.id)).toEqual([a.id, c.id, b.id]);
  });

  it("refuses bad input with a message naming the field, in Korean", () => {
    const bad = promotionInputSchema.safeParse({
      name: "",
      kind: "flash",
      formats: [],
      startsOn: "2031-02-30",
      endsOn: "2031-01-01",
    });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join(".")}=${i.message}`) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        "name=name: 이름을 입력하세요",
        "kind=kind: 종류를 고르세요",
        "formats=formats: 업태를 하나 이상 고르세요",
        "startsOn=startsOn: 없는 날짜입니다",
      ]),
    );
    const backwards = promotionInputSchema.safeParse({
      ...base,
      name: "x",
      startsOn: "2031-02-02",
      endsOn: "2031-02-01",
    });
    expect(backwards.error?.issues.map((i) => i.path.join("."))).toEqual(["endsOn"]);
  });
});

describe("campaignCalendar", () => {
  it("shows a SCHEDULED campaign's planned run and a recurring one's next occurrences, not a draft's", async () => {
    const segment = await prisma.segment.create({
      data: {
        name: `calendar test ${Date.now()}`,
        ownerId: crm.id,
        definition: { kind: "group", op: "and", negate: false, children: [] },
      },
    });
    const definition = (name: string, schedule: CampaignDefinitionInput["schedule"]): CampaignDefinitionInput => ({
      name,
      theme: "win_back",
      segmentId: segment.id.toString(),
      channels: [{ channel: "SMS", text: "다시 만나요", costPerContact: 20 }],
      schedule,
      budget: 10_000,
      controlShare: 0.1,
    });
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const once = await createCampaign(
      prisma,
      crm,
      definition(`달력 한 번 ${Date.now()}`, { kind: "once", at: soon.toISOString() }),
    );
    const weekly = await createCampaign(
      prisma,
      crm,
      definition(`달력 매주 ${Date.now()}`, { kind: "recurring", preset: "weekly_monday", time: "09:00" }),
    );
    const draft = await createCampaign(
      prisma,
      crm,
      definition(`달력 초안 ${Date.now()}`, { kind: "once", at: soon.toISOString() }),
    );
    for (const id of [once.id, weekly.id]) {
      await campaignAction(prisma, producer, crm, id, "approve");
      await campaignAction(prisma, producer, crm, id, "schedule");
    }
    const from = new Date();
    const to = new Date(from.getTime() + 35 * 86_400_000);
    const entries = await campaignCalendar(prisma, { from, to });
    const mine = (id: string) => entries.filter((e) => e.campaignId === id);
    expect(mine(once.id).map((e) => [e.kind, e.at.getTime()])).toEqual([
      ["planned", new Date(soon.toISOString()).getTime()],
    ]);
    const mondays = mine(weekly.id);
    expect(mondays.length).toBeGreaterThanOrEqual(4);
    for (const e of mondays) {
      expect(e.kind).toBe("planned");
      // Monday 09:00 in Seoul is Monday 00:00 UTC
      expect([e.at.getUTCDay(), e.at.getUTCHours()]).toEqual([1, 0]);
    }
    expect(mine(draft.id)).toEqual([]);
  });
});
