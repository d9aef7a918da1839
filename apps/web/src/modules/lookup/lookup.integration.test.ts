import { getPrisma } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt, upsertFixtureUser } from "@dangol/db/seed";
import { LOOKUP_LIMITS } from "@dangol/domain/lookup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLookupCard } from "./card-queries.ts";
import { cardAccess, type LookupActor, openCard, unlockLookup } from "./gate.ts";
import { lookupCustomers } from "./queries.ts";

const db = getPrisma();
let storeId: number;

async function staff(name: string): Promise<LookupActor> {
  const email = `${name}-${Date.now()}@lookup.test`;
  const user = await upsertFixtureUser(db, { email, role: "STORE_STAFF", password: "fixture-password-1", storeId });
  return { id: user.id, email, role: "STORE_STAFF", storeId };
}

const lookups = (actor: LookupActor) =>
  db.auditLog.findMany({ where: { actorId: actor.id, action: "customer.lookup" }, orderBy: { id: "asc" } });

beforeAll(async () => {
  storeId = (await createDemoStore(db, { code: "L001" })).id;
});

afterAll(async () => {
  await db.$disconnect();
});

describe("lookupCustomers", () => {
  it("finds by last 4 + the name's first character, masked, and audits the way and the store", async () => {
    const actor = await staff("last4");
    const kim = await createCustomer(db, { name: "김지훈", phone: "010-3141-7001" });
    await createCustomer(db, { name: "이지훈", phone: "010-3142-7001" });
    const result = await lookupCustomers({ by: "last4+name", last4: "7001", namePrefix: "김" }, actor);
    expect(result).toEqual({
      kind: "ok",
      value: {
        more: false,
        matches: [{ id: kim.id.toString(), maskedName: "김*훈", maskedPhone: "010-****-7001", tier: null }],
      },
    });
    const [row] = await lookups(actor);
    expect(row).toMatchObject({
      storeId,
      targetType: "customer",
      details: { by: "last4+name", customerIds: [kim.id.toString()] },
    });
  });

  it("treats % and _ in the name as letters", async () => {
    const actor = await staff("wildcard");
    await createCustomer(db, { name: "박민수", phone: "010-3141-7002" });
    const result = await lookupCustomers({ by: "last4+name", last4: "7002", namePrefix: "%" }, actor);
    expect(result).toMatchObject({ kind: "ok", value: { matches: [] } });
  });

  it("finds by the full phone, the card number and the member number", async () => {
    const actor = await staff("keys");
    const c = await createCustomer(db, {
      name: "최카드",
      phone: "010-3141-7003",
      link: { sourceCode: "SM", memberNo: "SM77770001", cardNo: "9430777700010001" },
    });
    for (const key of [
      { by: "phone", phone: "010-3141-7003" },
      { by: "card", number: "9430777700010001" },
      { by: "card", number: "SM77770001" },
    ] as const) {
      const result = await lookupCustomers(key, actor);
      expect(result.kind === "ok" && result.value.matches.map((m) => m.id)).toEqual([c.id.toString()]);
    }
    expect((await lookups(actor)).map((r) => (r.details as { by: string }).by)).toEqual(["phone", "card", "card"]);
  });

  it("shows at most ten and says there are more", async () => {
    const actor = await staff("many");
    for (let i = 0; i < 12; i++)
      await createCustomer(db, { name: `정${i}호`, phone: `010-40${String(i).padStart(2, "0")}-7004` });
    const result = await lookupCustomers({ by: "last4+name", last4: "7004", namePrefix: "정" }, actor);
    expect(result.kind === "ok" && result.value.matches).toHaveLength(10);
    expect(result.kind === "ok" && result.value.more).toBe(true);
  });
});

describe("the rate limit", () => {
  it("refuses the 61st lookup in ten minutes, locks for 15 minutes, alerts, and an admin unlocks", async () => {
    const actor = await staff("limit");
    await db.auditLog.createMany({
      data: Array.from({ length: LOOKUP_LIMITS.maxLookups }, () => ({
        actorId: actor.id,
        actorEmail: actor.email,
        actorRole: "STORE_STAFF",
        storeId,
        action: "customer.lookup",
        targetType: "customer",
        details: { by: "phone", customerIds: [] },
      })),
    });
    const before = Date.now();
    const refused = await lookupCustomers({ by: "phone", phone: "010-3141-7001" }, actor);
    expect(refused.kind).toBe("locked");
    const until = refused.kind === "locked" ? refused.until.getTime() : 0;
    expect(until - before).toBeGreaterThanOrEqual(LOOKUP_LIMITS.lockMinutes * 60_000 - 1000);
    expect(await lookups(actor)).toHaveLength(LOOKUP_LIMITS.maxLookups);
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
    expect(user.lookupLockedUntil?.getTime()).toBe(until);
    const alert = await db.auditLog.findFirst({ where: { action: "lookup.locked", targetId: actor.id } });
    expect(alert?.details).toMatchObject({ lookups: LOOKUP_LIMITS.maxLookups, windowMinutes: 10 });

    // Still locked: refused without a second alert; the card is refused too.
    expect((await lookupCustomers({ by: "phone", phone: "010-3141-7001" }, actor)).kind).toBe("locked");
    expect(await db.auditLog.count({ where: { action: "lookup.locked", targetId: actor.id } })).toBe(1);
    expect((await openCard(actor, 1n)).kind).toBe("locked");

    await unlockLookup(actor.id, { email: "admin@lookup.test", role: "ADMIN" });
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.id } })).lookupLockedUntil).toBeNull();
    expect(await db.auditLog.count({ where: { action: "lookup.unlock", targetId: actor.id } })).toBe(1);
  });

  it("does not count lookups older than the window", async () => {
    const actor = await staff("old");
    const at = new Date(Date.now() - (LOOKUP_LIMITS.windowMinutes + 1) * 60_000);
    await db.auditLog.createMany({
      data: Array.from({ length: LOOKUP_LIMITS.maxLookups }, () => ({
        actorId: actor.id,
        actorEmail: actor.email,
        action: "customer.lookup",
        at,
      })),
    });
    expect((await lookupCustomers({ by: "phone", phone: "010-3141-7001" }, actor)).kind).toBe("ok");
  });
});

describe("opening a card", () => {
  it("is free for a customer the user's search returned, and counts as a lookup otherwise", async () => {
    const actor = await staff("card");
    const shown = await createCustomer(db, { name: "한카드", phone: "010-3141-7005" });
    const other = await createCustomer(db, { name: "오카드", phone: "010-3141-7006" });
    await lookupCustomers({ by: "phone", phone: "010-3141-7005" }, actor);
    expect(await cardAccess(actor, other.id)).toEqual({ kind: "notLookedUp" });
    expect(await openCard(actor, shown.id)).toEqual({ kind: "ok", revealed: [] });
    expect(await lookups(actor)).toHaveLength(1);
    expect(await openCard(actor, other.id)).toEqual({ kind: "ok", revealed: [] });
    const rows = await lookups(actor);
    expect(rows.at(-1)?.details).toEqual({ by: "id", customerIds: [other.id.toString()] });
  });

  it("lists the fields the user revealed in the last minutes", async () => {
    const actor = await staff("revealed");
    const c = await createCustomer(db, { name: "문공개", phone: "010-3141-7007" });
    await lookupCustomers({ by: "phone", phone: "010-3141-7007" }, actor);
    await db.auditLog.create({
      data: {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "customer.reveal",
        targetType: "customer",
        targetId: c.id.toString(),
        details: { field: "phone", reason: "identity" },
      },
    });
    expect(await cardAccess(actor, c.id)).toEqual({ kind: "ok", revealed: ["phone"] });
  });
});

describe("loadLookupCard", () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  it("sums the points, the usable remainder lapsing within 30 days, this year per format and the favourite category", async () => {
    for (const [code, level, parentCode, nameKo] of [
      ["L10", 1, null, "신선식품"],
      ["L1010", 2, "L10", "과일"],
      ["L101010", 3, "L1010", "사과/배"],
    ] as const) {
      await db.category.upsert({ where: { code }, create: { code, level, parentCode, nameKo }, update: {} });
    }
    const c = await createCustomer(db, { name: "포인트", phone: "010-3141-7008" });
    await createReceipt(db, {
      storeId,
      customerId: c.id,
      lines: [{ categoryCode: "L101010", quantity: 2, unitPrice: 15_000 }],
    });
    const earn = await db.pointEntry.create({
      data: { customerId: c.id, kind: "EARN", points: 5_000, occurredOn: inDays(-700), expiresOn: inDays(10) },
    });
    const burn = await db.pointEntry.create({
      data: { customerId: c.id, kind: "BURN", points: -1_000, occurredOn: inDays(-5) },
    });
    await db.pointAllocation.create({ data: { debitEntryId: burn.id, earnEntryId: earn.id, points: 1_000 } });
    await db.pointEntry.create({
      data: { customerId: c.id, kind: "EARN", points: 2_000, occurredOn: inDays(-30), expiresOn: inDays(100) },
    });

    const card = await loadLookupCard(c.id);
    expect(card?.points).toEqual({ balance: 6_000, expiring: 4_000 });
    expect(card?.years).toEqual([{ format: "MART", visits: 1, spend: 30_000 }]);
    expect(card?.categories).toEqual([{ name: "과일", nameEn: null, spend: 30_000 }]);
    expect(card?.lastVisit?.store).toMatch(/L001/);
    expect(card?.metrics).toBeNull();
  });

  it("is null for a customer who is not active", async () => {
    const gone = await createCustomer(db, { name: null, phone: null, status: "WITHDRAWN", link: false });
    expect(await loadLookupCard(gone.id)).toBeNull();
  });
});
