import { randomUUID } from "node:crypto";
import { getPrisma } from "@dangol/db/client";
import { createDemoStore } from "@dangol/db/seed";
import type { Role } from "@dangol/domain";
import { afterAll, describe, expect, it } from "vitest";
import { screenUsage } from "./queries.ts";
import { PAGE_VIEWS_PER_MINUTE, recordPageEnter, recordPageLeave, type Viewer } from "./record.ts";
import { SCREENS } from "./screens.ts";

const db = getPrisma();

async function viewer(role: Role): Promise<Viewer> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@usage.test`;
  // Store staff belong to a store (a check constraint); the others to none.
  const storeId = role === "STORE_STAFF" ? (await createDemoStore(db)).id : null;
  const user = await db.user.create({ data: { email, name: email, role, storeId, passwordHash: "unused" } });
  return { id: user.id, role };
}

const row = (id: string) => db.pageView.findUniqueOrThrow({ where: { id: BigInt(id) } });

afterAll(async () => {
  await db.$disconnect();
});

describe("recordPageEnter / recordPageLeave", () => {
  it("records the viewer's role and the pattern, then the time on page, which only grows", async () => {
    const crm = await viewer("CRM_MANAGER");
    const view = await recordPageEnter(crm, "/customers/[id]");
    expect(view).not.toBeNull();
    expect(await row(view!.id)).toMatchObject({
      userId: crm.id,
      role: "CRM_MANAGER",
      page: "/customers/[id]",
      durationMs: null,
    });

    expect(await recordPageLeave(crm, view!.id, 1_500)).toBe(true);
    expect(await recordPageLeave(crm, view!.id, 900)).toBe(false);
    expect((await row(view!.id)).durationMs).toBe(1_500);
  });

  it("ignores another user's leave and caps the time at what the server saw pass", async () => {
    const crm = await viewer("CRM_MANAGER");
    const other = await viewer("ADMIN");
    const view = (await recordPageEnter(crm, "/customers"))!;
    expect(await recordPageLeave(other, view.id, 1_000)).toBe(false);
    expect((await row(view.id)).durationMs).toBeNull();

    await recordPageLeave(crm, view.id, 10 * 3_600_000);
    const capped = (await row(view.id)).durationMs!;
    expect(capped).toBeGreaterThanOrEqual(5_000);
    expect(capped).toBeLessThan(15_000);
  });

  it("refuses a user's views past the per-minute limit, not another user's", async () => {
    const busy = await viewer("ANALYST");
    for (let i = 0; i < PAGE_VIEWS_PER_MINUTE; i++) expect(await recordPageEnter(busy, "/queries")).not.toBeNull();
    expect(await recordPageEnter(busy, "/queries")).toBeNull();
    expect(await recordPageEnter(await viewer("ANALYST"), "/queries")).not.toBeNull();
    expect(await db.pageView.count({ where: { userId: busy.id } })).toBe(PAGE_VIEWS_PER_MINUTE);
  });
});

describe("screenUsage", () => {
  it("lists every screen least used first, with users, views per allowed role, median time and last visit", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const [admin, crm, store] = await Promise.all([viewer("ADMIN"), viewer("CRM_MANAGER"), viewer("STORE_STAFF")]);
    await db.pageView.createMany({
      data: [
        { userId: admin.id, role: "ADMIN", page: "/lookup/guide", at: ago(1), durationMs: 10_000 },
        { userId: crm.id, role: "CRM_MANAGER", page: "/lookup/guide", at: ago(2), durationMs: 30_000 },
        { userId: crm.id, role: "CRM_MANAGER", page: "/lookup/guide", at: ago(3), durationMs: null },
        { userId: store.id, role: "STORE_STAFF", page: "/lookup/guide", at: ago(4), durationMs: 20_000 },
        { userId: admin.id, role: "ADMIN", page: "/data/batches/[id]", at: ago(20) },
        { userId: admin.id, role: "ADMIN", page: "/campaigns", at: ago(120) },
      ],
    });
    const week = await screenUsage(7, now);
    expect(week.map((s) => s.pattern).sort()).toEqual(SCREENS.map((s) => s.pattern).sort());
    const guide = week.find((s) => s.pattern === "/lookup/guide")!;
    expect(guide).toMatchObject({
      views: 4,
      users: 3,
      byRole: { ADMIN: 1, CRM_MANAGER: 2, STORE_STAFF: 1 },
      medianMs: 20_000,
      lastVisitedAt: ago(1),
    });
    expect(guide.byRole).not.toHaveProperty("ANALYST");
    expect(week.find((s) => s.pattern === "/data/batches/[id]")).toMatchObject({ views: 0, lastVisitedAt: ago(20) });
    expect(week.find((s) => s.pattern === "/campaigns")).toMatchObject({ views: 0, lastVisitedAt: ago(120) });
    const views = week.map((s) => s.views);
    expect(views).toEqual([...views].sort((a, b) => a - b));

    const month = await screenUsage(30, now);
    expect(month.find((s) => s.pattern === "/data/batches/[id]")).toMatchObject({ views: 1, users: 1 });
    expect(month.find((s) => s.pattern === "/campaigns")?.views).toBe(0);
  });
});
