import { createPrismaClient } from "@dangol/db/client";
import { createDemoStore } from "@dangol/db/seed";
import { runTs } from "@dangol/testkit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const env = { DATABASE_URL: process.env.DATABASE_URL };
const prisma = createPrismaClient(process.env.DATABASE_URL ?? "");
const dangol = (...args: string[]) => runTs("apps/cli/src/main.ts", args, env);

describe("dangol user add", () => {
  beforeAll(async () => {
    await createDemoStore(prisma, { sourceCode: "MART", code: "C901", name: "CLI 테스트점" });
  });
  afterAll(() => prisma.$disconnect());

  it("creates a store-staff user bound to DIVISION:CODE and prints a generated password", async () => {
    const { code, stdout } = await dangol(
      "user",
      "add",
      "--email",
      "Clerk.One@Example.com",
      "--role",
      "store_staff",
      "--store",
      "mart:C901",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Created clerk.one@example.com (STORE_STAFF, MART:C901).");
    const password = /Password: (\S+)/.exec(stdout)?.[1];
    expect(password).toMatch(/^\S{16}$/);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "clerk.one@example.com" },
      include: { store: true },
    });
    expect(user).toMatchObject({ role: "STORE_STAFF", store: { sourceCode: "MART", code: "C901" } });
  }, 30_000);

  it("refuses store staff without a store, naming what is missing, and creates nothing", async () => {
    const { code, stderr } = await dangol("user", "add", "--email", "nostore@example.com", "--role", "STORE_STAFF");
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^dangol: .*store/i);
    expect(await prisma.user.count({ where: { email: "nostore@example.com" } })).toBe(0);
  }, 30_000);

  it("refuses an unknown role and a malformed store reference with one line each", async () => {
    const role = await dangol("user", "add", "--email", "x@example.com", "--role", "BOSS");
    expect(role.code).toBe(1);
    expect(role.stderr.trim()).toBe(
      'dangol: --role "BOSS" is not a role; use one of ADMIN, CRM_MANAGER, ANALYST, STORE_STAFF',
    );
    const store = await dangol("user", "add", "--email", "x@example.com", "--role", "STORE_STAFF", "--store", "C901");
    expect(store.code).toBe(1);
    expect(store.stderr).toContain("DIVISION:CODE");
  }, 30_000);

  it("refuses a duplicate e-mail", async () => {
    const args = ["user", "add", "--email", "dup@example.com", "--role", "ANALYST", "--password", "a-long-password-1"];
    expect((await dangol(...args)).code).toBe(0);
    const again = await dangol(...args);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/dup@example\.com/);
  }, 30_000);
});
