import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@dangol/db/client";
import type { Role } from "@dangol/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deleteQuery,
  duplicateQuery,
  getSavedQuery,
  listQueryVersions,
  listSavedQueries,
  saveQuery,
  shareQuery,
  updateQuery,
} from "./saved-queries.ts";
import {
  WorkbenchForbiddenError,
  WorkbenchInputError,
  WorkbenchNotFoundError,
  type WorkbenchUser,
} from "./service-errors.ts";

const prisma = createPrismaClient(process.env.DATABASE_URL ?? "");

async function user(role: Role): Promise<WorkbenchUser> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@saved-queries.test`;
  const row = await prisma.user.create({ data: { email, name: email, role, passwordHash: "unused" } });
  return { id: row.id, email, role };
}

const monthly = {
  title: "월별 매출",
  description: "Spend per month since a day",
  tags: [" Sales ", "monthly", "sales"],
  sql: "SELECT date_trunc('month', sold_at) AS month, sum(amount) FROM analytics.receipts WHERE sold_at >= {{since}} GROUP BY 1",
  parameters: [{ name: "since", type: "date" as const, label: "시작일" }],
  parameterValues: { since: "last_month_start" },
};

describe("saved queries", () => {
  let analyst: WorkbenchUser;
  let other: WorkbenchUser;
  let crm: WorkbenchUser;
  let admin: WorkbenchUser;

  beforeAll(async () => {
    [analyst, other, crm, admin] = await Promise.all([
      user("ANALYST"),
      user("ANALYST"),
      user("CRM_MANAGER"),
      user("ADMIN"),
    ]);
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("creates version 1, trims and lower-cases tags, and audits the creation", async () => {
    const query = await saveQuery(prisma, analyst, monthly);
    expect(query).toMatchObject({
      title: "월별 매출",
      tags: ["sales", "monthly"],
      visibility: "PRIVATE",
      version: 1,
      ownerEmail: analyst.email,
      chart: null,
      canEdit: true,
    });
    const versions = await listQueryVersions(prisma, query.id, analyst);
    expect(versions).toMatchObject([{ version: 1, changed: [], changedByEmail: analyst.email, sql: monthly.sql }]);
    const audit = await prisma.auditLog.findMany({ where: { action: "query.create", targetId: query.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: analyst.id, targetType: "saved_query" });
  });

  it("refuses bad input with a message naming the field", async () => {
    await expect(saveQuery(prisma, analyst, { ...monthly, title: "  " })).rejects.toThrow(/title/);
    await expect(
      saveQuery(prisma, analyst, { ...monthly, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }),
    ).rejects.toThrow(/at most 10 tags/);
    await expect(saveQuery(prisma, analyst, { ...monthly, sql: "x".repeat(100_001) })).rejects.toBeInstanceOf(
      WorkbenchInputError,
    );
    await expect(saveQuery(prisma, analyst, { ...monthly, parameters: [] })).rejects.toThrow(
      /\{\{since\}\} is used in the SQL but has no definition/,
    );
    await expect(
      saveQuery(prisma, analyst, { ...monthly, chart: { kind: "donut", x: "month", y: ["sum"] } as never }),
    ).rejects.toThrow(/chart/);
  });

  it("saves only changed fields as a new version that names them, and a save of the same content is a no-op", async () => {
    const query = await saveQuery(prisma, analyst, monthly);
    const same = await updateQuery(prisma, query.id, analyst, {
      title: monthly.title,
      parameterValues: { since: "last_month_start" },
    });
    expect(same.changed).toEqual([]);
    expect(same.query.version).toBe(1);

    const chart = { kind: "line" as const, x: "month", y: ["sum"] };
    const saved = await updateQuery(prisma, query.id, analyst, {
      sql: `${monthly.sql} ORDER BY 1`,
      chart,
      description: monthly.description,
      expectedVersion: 1,
    });
    expect(saved.changed).toEqual(["sql", "chart"]);
    expect(saved.query).toMatchObject({ version: 2, chart });

    const versions = await listQueryVersions(prisma, query.id, analyst);
    expect(versions.map((v) => [v.version, v.changed])).toEqual([
      [2, ["sql", "chart"]],
      [1, []],
    ]);
    expect(versions[0]?.sql).toMatch(/ORDER BY 1$/);
    expect(versions[1]?.sql).toBe(monthly.sql);

    // The editor held version 1: saving over version 2 is refused rather than lost.
    await expect(updateQuery(prisma, query.id, analyst, { title: "stale", expectedVersion: 1 })).rejects.toThrow(
      /version 2/,
    );
    const audit = await prisma.auditLog.findMany({ where: { action: "query.update", targetId: query.id } });
    expect(audit.map((row) => row.details)).toEqual([{ version: 2, changed: ["sql", "chart"] }]);
  });

  it("keeps a private query from everyone but its owner and admins, without saying it exists", async () => {
    const query = await saveQuery(prisma, analyst, monthly);
    await expect(getSavedQuery(prisma, query.id, other)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
    await expect(getSavedQuery(prisma, query.id, crm)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
    await expect(getSavedQuery(prisma, "999999999", other)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
    await expect(getSavedQuery(prisma, "not-an-id", other)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
    expect((await getSavedQuery(prisma, query.id, admin)).canEdit).toBe(true);
    const staff = { ...other, role: "STORE_STAFF" as const };
    await expect(getSavedQuery(prisma, query.id, { ...analyst, role: "STORE_STAFF" })).rejects.toBeInstanceOf(
      WorkbenchNotFoundError,
    );
    expect(await listSavedQueries(prisma, staff)).toEqual([]);
    await expect(saveQuery(prisma, staff, monthly)).rejects.toBeInstanceOf(WorkbenchForbiddenError);
  });

  it("shares with the team read-only: others see and duplicate it but cannot change or delete it", async () => {
    const query = await saveQuery(prisma, analyst, { ...monthly, title: "공유할 쿼리" });
    const shared = await shareQuery(prisma, query.id, analyst, "SHARED");
    expect(shared).toMatchObject({ changed: ["visibility"], query: { version: 2, visibility: "SHARED" } });
    expect(await prisma.auditLog.count({ where: { action: "query.share", targetId: query.id } })).toBe(1);

    const seen = await getSavedQuery(prisma, query.id, crm);
    expect(seen).toMatchObject({ title: "공유할 쿼리", canEdit: false });
    await expect(updateQuery(prisma, query.id, crm, { title: "mine now" })).rejects.toBeInstanceOf(
      WorkbenchForbiddenError,
    );
    await expect(deleteQuery(prisma, query.id, other)).rejects.toBeInstanceOf(WorkbenchForbiddenError);

    const copy = await duplicateQuery(prisma, query.id, crm);
    expect(copy).toMatchObject({
      title: "공유할 쿼리 (사본)",
      ownerId: crm.id,
      visibility: "PRIVATE",
      version: 1,
      sql: monthly.sql,
      parameters: monthly.parameters,
      canEdit: true,
    });
    expect(copy.id).not.toBe(query.id);
    expect(await listQueryVersions(prisma, copy.id, crm)).toHaveLength(1);
    await expect(getSavedQuery(prisma, copy.id, analyst)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
  });

  it("lists the caller's own and the shared queries, newest first, filtered by words, tag and owner", async () => {
    const mine = await saveQuery(prisma, other, { ...monthly, title: "고객 코호트 잔존율", tags: ["cohort"] });
    const theirs = await saveQuery(prisma, crm, {
      ...monthly,
      title: "Tier moves",
      description: "코호트 by tier",
      tags: ["tiers"],
      visibility: "SHARED",
    });
    const hidden = await saveQuery(prisma, crm, { ...monthly, title: "CRM private cohort" });

    const all = await listSavedQueries(prisma, other);
    const ids = all.map((q) => q.id);
    expect(ids).toContain(mine.id);
    expect(ids).toContain(theirs.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids.indexOf(theirs.id)).toBeLessThan(ids.indexOf(mine.id));

    expect((await listSavedQueries(prisma, other, { search: "코호트" })).map((q) => q.id)).toEqual([
      theirs.id,
      mine.id,
    ]);
    expect((await listSavedQueries(prisma, other, { search: "COHORT" })).map((q) => q.id)).toEqual([]);
    expect((await listSavedQueries(prisma, other, { tag: "Cohort" })).map((q) => q.id)).toEqual([mine.id]);
    expect((await listSavedQueries(prisma, other, { owner: "me" })).map((q) => q.id)).toEqual([mine.id]);
    expect(all.find((q) => q.id === theirs.id)).toMatchObject({ ownerEmail: crm.email, canEdit: false });
  });

  it("soft-deletes: the query disappears from lists and lookups but its versions stay", async () => {
    const query = await saveQuery(prisma, analyst, { ...monthly, title: "지울 쿼리" });
    await deleteQuery(prisma, query.id, analyst);
    await expect(getSavedQuery(prisma, query.id, analyst)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
    expect((await listSavedQueries(prisma, analyst)).map((q) => q.id)).not.toContain(query.id);
    expect(await prisma.savedQueryVersion.count({ where: { queryId: BigInt(query.id) } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "query.delete", targetId: query.id } })).toBe(1);
  });
});
