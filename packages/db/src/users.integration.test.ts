import { randomBytes } from "node:crypto";
import { MAX_FAILED_LOGINS } from "@dangol/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "./audit.ts";
import { createPrismaClient, type PrismaClient } from "./client.ts";
import {
  authenticate,
  createUser,
  listUsers,
  resetPassword,
  setUserActive,
  UserInputError,
  unlockUser,
  updateUserRoleAndStore,
} from "./users.ts";

// The integration run shares one database between files: every row here carries a unique tag.
const tag = randomBytes(4).toString("hex");
const email = (name: string) => `${name}-${tag}@users-test.local`;
const storeCode = `T${tag}`.slice(0, 9).toUpperCase();
const admin: AuditActor = { email: `admin-${tag}@users-test.local`, role: "ADMIN" };
const password = "correct-horse-battery";

let db: PrismaClient;

beforeAll(async () => {
  db = createPrismaClient(process.env.DATABASE_URL as string);
  await db.sourceSystem.upsert({
    where: { code: "MART" },
    update: {},
    create: { code: "MART", name: "할인점", format: "MART" },
  });
  await db.store.create({ data: { sourceCode: "MART", code: storeCode, name: "테스트점", format: "MART" } });
});

afterAll(async () => {
  await db.$disconnect();
});

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({ where: { targetId }, orderBy: { id: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

describe("createUser", () => {
  it("creates a user with a lower-cased e-mail and a generated password, and audits it", async () => {
    const { user, generatedPassword } = await createUser(
      db,
      { email: email("Analyst").toUpperCase(), role: "ANALYST" },
      { system: "cli" },
    );
    expect(user.email).toBe(email("analyst"));
    expect(generatedPassword).toMatch(/^\S{16}$/);
    expect((await authenticate(db, user.email, generatedPassword as string)).ok).toBe(true);
    const [row] = await db.auditLog.findMany({ where: { targetId: user.id, action: "user.create" } });
    expect(row).toMatchObject({ actorEmail: "system:cli", actorId: null, targetType: "user" });
  });

  it("refuses a duplicate e-mail with a clear sentence", async () => {
    await createUser(db, { email: email("dup"), role: "CRM_MANAGER", password }, admin);
    const refusal = createUser(db, { email: email("DUP"), role: "ANALYST", password }, admin);
    await expect(refusal).rejects.toBeInstanceOf(UserInputError);
    await expect(refusal).rejects.toThrow(`A user with the e-mail ${email("dup")} already exists.`);
  });

  it("requires an existing store for STORE_STAFF", async () => {
    await expect(createUser(db, { email: email("nostore"), role: "STORE_STAFF", password }, admin)).rejects.toThrow(
      /needs a store/,
    );
    await expect(
      createUser(db, { email: email("badstore"), role: "STORE_STAFF", store: "MART:NOPE999", password }, admin),
    ).rejects.toThrow("There is no store MART:NOPE999.");
    const { user } = await createUser(
      db,
      { email: email("staff"), role: "STORE_STAFF", store: `mart:${storeCode}`, password },
      admin,
    );
    expect(user.storeLabel).toBe(`MART:${storeCode} 테스트점`);
  });

  it("refuses an invalid e-mail and a short password", async () => {
    await expect(createUser(db, { email: "not-an-email", role: "ANALYST" }, admin)).rejects.toBeInstanceOf(
      UserInputError,
    );
    await expect(createUser(db, { email: email("short"), role: "ANALYST", password: "short" }, admin)).rejects.toThrow(
      /at least 10/,
    );
    expect(await listUsers(db, { search: email("short") })).toEqual([]);
  });
});

describe("authenticate", () => {
  it("locks the account after five consecutive failures, then unlocks", async () => {
    const { user } = await createUser(db, { email: email("locky"), role: "CRM_MANAGER", password }, admin);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect(await authenticate(db, user.email, "wrong-password", "10.0.0.1")).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const fifth = await authenticate(db, user.email, "wrong-password");
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    // Even the right password is refused while locked.
    expect(await authenticate(db, user.email, password)).toMatchObject({ ok: false, reason: "locked" });

    await unlockUser(db, user.id, admin);
    expect(await authenticate(db, user.email, password)).toMatchObject({ ok: true });
    const actions = await auditActions(user.id);
    expect(actions).toContain("user.locked");
    expect(actions).toContain("user.unlock");
    expect(actions.at(-1)).toBe("auth.login");
  });

  it("refuses a disabled user even with the right password and ends their sessions", async () => {
    const { user } = await createUser(db, { email: email("leaver"), role: "ANALYST", password }, admin);
    const disabled = await setUserActive(db, user.id, false, admin);
    expect(disabled.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await authenticate(db, user.email, password)).toEqual({ ok: false, reason: "disabled" });
    await setUserActive(db, user.id, true, admin);
    expect((await authenticate(db, user.email, password)).ok).toBe(true);
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(["user.create", "user.disable", "auth.login_refused", "user.enable", "auth.login"]),
    );
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    expect(await authenticate(db, email("nobody"), password)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("administration", () => {
  it("resets a password: the old one stops working and sessions end", async () => {
    const { user } = await createUser(db, { email: email("forgetful"), role: "ANALYST", password }, admin);
    const { user: after, generatedPassword } = await resetPassword(db, user.id, admin);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect((await authenticate(db, user.email, password)).ok).toBe(false);
    expect((await authenticate(db, user.email, generatedPassword as string)).ok).toBe(true);
  });

  it("changes role and store together, refusing a store for non-store roles", async () => {
    const { user } = await createUser(db, { email: email("mover"), role: "ANALYST", password }, admin);
    await expect(
      updateUserRoleAndStore(db, user.id, { role: "CRM_MANAGER", store: `MART:${storeCode}` }, admin),
    ).rejects.toThrow(/Only STORE_STAFF/);
    const moved = await updateUserRoleAndStore(db, user.id, { role: "STORE_STAFF", store: `MART:${storeCode}` }, admin);
    expect(moved).toMatchObject({ role: "STORE_STAFF", sessionVersion: user.sessionVersion + 1 });
    expect(await auditActions(user.id)).toContain("user.update_role");
  });

  it("does not let an admin disable their own account", async () => {
    const { user } = await createUser(db, { email: email("selfadmin"), role: "ADMIN", password }, admin);
    const self: AuditActor = { id: user.id, email: user.email, role: "ADMIN" };
    await expect(setUserActive(db, user.id, false, self)).rejects.toThrow("You cannot disable your own account.");
  });
});

describe("audit_log", () => {
  it("refuses UPDATE and DELETE (append-only trigger)", async () => {
    const { user } = await createUser(db, { email: email("audited"), role: "ANALYST", password }, admin);
    const row = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id } });
    await expect(db.$executeRaw`UPDATE audit_log SET action = 'tampered' WHERE id = ${row.id}`).rejects.toThrow();
    await expect(db.$executeRaw`DELETE FROM audit_log WHERE id = ${row.id}`).rejects.toThrow();
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("user.create");
  });

  it("rolls the change back when its audit row cannot be written", async () => {
    const ghost: AuditActor = {
      id: "00000000-0000-4000-8000-000000000000",
      email: "ghost@users-test.local",
      role: "ADMIN",
    };
    await expect(createUser(db, { email: email("orphan"), role: "ANALYST", password }, ghost)).rejects.toThrow();
    expect(await listUsers(db, { search: email("orphan") })).toEqual([]);
  });
});
