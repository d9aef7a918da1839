import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@dangol/db/client";
import type { Role } from "@dangol/domain";
import { afterAll, describe, expect, it } from "vitest";
import { listPins, pinQuery, unpinQuery } from "./pins.ts";
import { deleteQuery, saveQuery, shareQuery } from "./saved-queries.ts";
import { WorkbenchNotFoundError, type WorkbenchUser } from "./service-errors.ts";

const prisma = createPrismaClient(process.env.DATABASE_URL ?? "");

async function user(role: Role): Promise<WorkbenchUser> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@pins.test`;
  const row = await prisma.user.create({ data: { email, name: email, role, passwordHash: "unused" } });
  return { id: row.id, email, role };
}

describe("dashboard pins", () => {
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("pins visible queries in order with their chart and latest result, once each, and only for the caller", async () => {
    const [analyst, crm] = await Promise.all([user("ANALYST"), user("CRM_MANAGER")]);
    const chart = { kind: "bar" as const, x: "k", y: ["v"] };
    const own = await saveQuery(prisma, crm, { title: "내 쿼리", sql: "SELECT 1 AS k, 2 AS v", chart });
    const shared = await saveQuery(prisma, analyst, { title: "공유", sql: "SELECT 1", visibility: "SHARED" });
    const privateOne = await saveQuery(prisma, analyst, { title: "비공개", sql: "SELECT 1" });
    await prisma.queryRun.create({
      data: {
        queryId: BigInt(own.id),
        userId: crm.id,
        trigger: "test",
        status: "SUCCEEDED",
        sql: own.sql,
        rowCap: 10,
        timeoutMs: 1_000,
        rowCount: 1,
        finishedAt: new Date(),
      },
    });

    await pinQuery(prisma, shared.id, crm);
    await pinQuery(prisma, own.id, crm);
    await pinQuery(prisma, shared.id, crm);
    await expect(pinQuery(prisma, privateOne.id, crm)).rejects.toBeInstanceOf(WorkbenchNotFoundError);

    const pins = await listPins(prisma, crm);
    expect(pins.map((pin) => [pin.title, pin.position])).toEqual([
      ["공유", 0],
      ["내 쿼리", 1],
    ]);
    expect(pins[1]).toMatchObject({ chart, lastRun: { rowCount: 1 } });
    expect(pins[0]?.lastRun).toBeNull();
    expect(await listPins(prisma, analyst)).toEqual([]);

    // Taken back or deleted: the tile goes; unpinning is idempotent.
    await shareQuery(prisma, shared.id, analyst, "PRIVATE");
    expect((await listPins(prisma, crm)).map((pin) => pin.title)).toEqual(["내 쿼리"]);
    await deleteQuery(prisma, own.id, crm);
    expect(await listPins(prisma, crm)).toEqual([]);
    await unpinQuery(prisma, shared.id, crm);
    await unpinQuery(prisma, shared.id, crm);
    expect(await prisma.dashboardPin.count({ where: { userId: crm.id } })).toBe(1);
  });
});
