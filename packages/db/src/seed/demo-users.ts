/**
 * One demo account per role. The passwords are documented on purpose (README, e2e tests): these
 * accounts exist only in development and demo databases, never in production.
 */
import { formatStoreRef, type Role, type StoreRef } from "@dangol/domain";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { hashPassword, verifyPassword } from "../password.ts";

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** The store a STORE_STAFF account is bound to; null for the other roles. */
  store: StoreRef | null;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "admin@dangol.local", name: "관리자", role: "ADMIN", password: "dangol-admin-1", store: null },
  { email: "crm@dangol.local", name: "CRM 매니저", role: "CRM_MANAGER", password: "dangol-crm-1", store: null },
  { email: "analyst@dangol.local", name: "데이터 분석가", role: "ANALYST", password: "dangol-analyst-1", store: null },
  {
    email: "store@dangol.local",
    name: "성수점 직원",
    role: "STORE_STAFF",
    password: "dangol-store-1",
    store: { division: "MART", code: "M001" },
  },
];

export interface FixtureUserInput {
  email: string;
  role: Role;
  password: string;
  name?: string;
  storeId?: number | null;
  active?: boolean;
}

/**
 * Test fixture and seed helper: creates the user, or brings an existing one (same e-mail) back to
 * the given role, store and password. Not the user service: no policy checks, no audit entry.
 */
export async function upsertFixtureUser(prisma: PrismaClient, input: FixtureUserInput) {
  const email = input.email.trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email }, select: { passwordHash: true } });
  const passwordHash =
    existing && (await verifyPassword(existing.passwordHash, input.password))
      ? existing.passwordHash
      : await hashPassword(input.password);
  const data = {
    name: input.name ?? email.split("@")[0]!,
    role: input.role,
    storeId: input.storeId ?? null,
    passwordHash,
    active: input.active ?? true,
  };
  return prisma.user.upsert({
    where: { email },
    create: { email, ...data },
    update: { ...data, failedLogins: 0, lockedUntil: null },
  });
}

/**
 * Creates or refreshes the DEMO_USERS. A store-bound account needs its store: with
 * `waitForStores` (the demo loaded through the ETL, whose store masters arrive later) it is
 * skipped until the store exists — run the seed again after the load; otherwise a missing
 * store is an error (seed the demo retailer first).
 */
export async function seedDemoUsers(
  prisma: PrismaClient,
  log: (line: string) => void = () => {},
  { waitForStores = false }: { waitForStores?: boolean } = {},
): Promise<void> {
  for (const user of DEMO_USERS) {
    let storeId: number | null = null;
    if (user.store) {
      const store = await prisma.store.findUnique({
        where: { sourceCode_code: { sourceCode: user.store.division, code: user.store.code } },
        select: { id: true },
      });
      if (!store && waitForStores) {
        log(`user ${user.email} waits for store ${formatStoreRef(user.store)} (seed again once the ETL loaded it)`);
        continue;
      }
      if (!store) throw new Error(`demo user ${user.email}: store ${formatStoreRef(user.store)} does not exist`);
      storeId = store.id;
    }
    await upsertFixtureUser(prisma, {
      email: user.email,
      name: user.name,
      role: user.role,
      password: user.password,
      storeId,
    });
    log(`user ${user.email} (${user.role}${user.store ? ` @ ${formatStoreRef(user.store)}` : ""})`);
  }
}
