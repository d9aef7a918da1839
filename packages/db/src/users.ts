import {
  afterFailedLogin,
  checkPasswordPolicy,
  DIVISIONS,
  formatStoreRef,
  isLocked,
  LOCALES,
  parseStoreRef,
  ROLES,
  type Role,
  type StoreRef,
} from "@dangol/domain";
import { z } from "zod";
import { type AuditActor, writeAudit } from "./audit.ts";
import type { Prisma, PrismaClient } from "./client.ts";
import { generatePassword, hashPassword, verifyPassword } from "./password.ts";

/** A refusal the person at the keyboard can fix; `message` is one clear sentence. */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "UserInputError";
  }
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  storeId: true,
  active: true,
  sessionVersion: true,
  failedLogins: true,
  lockedUntil: true,
  lastLoginAt: true,
  locale: true,
  createdAt: true,
  store: { select: { sourceCode: true, code: true, name: true } },
} as const;

/** A user as the app may show it: never the password hash. */
export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  storeId: number | null;
  /** `MART:M012 이마트 성수점`, for screens and session labels. */
  storeLabel: string | null;
  active: boolean;
  sessionVersion: number;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  locale: string;
  createdAt: Date;
};

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

function toSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    storeId: row.storeId,
    storeLabel: row.store ? `${row.store.sourceCode}:${row.store.code} ${row.store.name}` : null,
    active: row.active,
    sessionVersion: row.sessionVersion,
    failedLogins: row.failedLogins,
    lockedUntil: row.lockedUntil,
    lastLoginAt: row.lastLoginAt,
    locale: row.locale,
    createdAt: row.createdAt,
  };
}

const storeRefSchema = z.union([
  z.object({ division: z.enum(DIVISIONS), code: z.string().min(1) }),
  z.string().transform((value, ctx) => {
    const parsed = parseStoreRef(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  }),
]);

const passwordSchema = z.string().superRefine((value, ctx) => {
  const policy = checkPasswordPolicy(value);
  if (!policy.ok) ctx.addIssue({ code: "custom", message: policy.error });
});

const emailSchema = z
  .string({ error: "The e-mail address is required." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "The e-mail address is not valid (e.g. name@dangol.co.kr)." }));

const roleSchema = z.enum(ROLES, { error: `The role must be one of ${ROLES.join(", ")}.` });

const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, "The name is at most 100 characters.").optional(),
  role: roleSchema,
  store: storeRefSchema.optional(),
  password: passwordSchema.optional(),
  locale: z.enum(LOCALES).optional(),
});

export type CreateUserInput = {
  email: string;
  name?: string;
  role: Role;
  /** A StoreRef or its `DIVISION:CODE` text, as typed in the CLI or the admin form. */
  store?: StoreRef | string;
  password?: string;
  locale?: (typeof LOCALES)[number];
};

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UserInputError(issue?.message ?? "The input is not valid.", issue?.path.join(".") || undefined);
}

/** STORE_STAFF must name an existing store; the other roles see every store and carry none. */
async function resolveStore(db: Prisma.TransactionClient, role: Role, store: StoreRef | undefined) {
  if (role !== "STORE_STAFF") {
    if (store)
      throw new UserInputError(`Only STORE_STAFF accounts are bound to a store; ${role} sees all stores.`, "store");
    return null;
  }
  if (!store)
    throw new UserInputError("A STORE_STAFF account needs a store, written DIVISION:CODE (e.g. MART:M012).", "store");
  const row = await db.store.findFirst({
    where: { sourceCode: store.division, code: store.code },
    select: { id: true },
  });
  if (!row) throw new UserInputError(`There is no store ${formatStoreRef(store)}.`, "store");
  return row.id;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

export async function createUser(
  db: PrismaClient,
  input: CreateUserInput,
  actor: AuditActor,
): Promise<{ user: UserSummary; generatedPassword?: string }> {
  const data = parseOrThrow(createUserSchema, input);
  const generatedPassword = data.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(data.password ?? (generatedPassword as string));
  const duplicate = () => new UserInputError(`A user with the e-mail ${data.email} already exists.`, "email");
  try {
    const user = await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) throw duplicate();
      const storeId = await resolveStore(tx, data.role, data.store);
      const row = await tx.user.create({
        data: {
          email: data.email,
          name: data.name || data.email.split("@")[0] || data.email,
          role: data.role,
          storeId,
          passwordHash,
          locale: data.locale ?? "ko",
        },
        select: userSelect,
      });
      await writeAudit(tx, {
        actor,
        action: "user.create",
        targetType: "user",
        targetId: row.id,
        details: { email: row.email, role: row.role, storeId, passwordGenerated: generatedPassword !== undefined },
      });
      return toSummary(row);
    });
    return generatedPassword === undefined ? { user } : { user, generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export type AuthFailure = "invalid" | "locked" | "disabled";
export type AuthResult =
  | { ok: true; user: UserSummary }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date }
  | { ok: false; reason: "disabled" };

let dummyHash: Promise<string> | undefined;

/**
 * Checks a sign-in. Five consecutive wrong passwords lock the account for fifteen minutes;
 * a disabled account is refused even with the right password. Every attempt is audited.
 */
export async function authenticate(
  db: PrismaClient,
  email: string,
  password: string,
  ip?: string | null,
  now: Date = new Date(),
): Promise<AuthResult> {
  const normalized = email.trim().toLowerCase();
  const row = await db.user.findUnique({ where: { email: normalized }, select: { ...userSelect, passwordHash: true } });
  const audit = (action: string, details: Prisma.InputJsonValue, tx: Prisma.TransactionClient = db) =>
    writeAudit(tx, {
      actor: row
        ? { id: row.id, email: row.email, role: row.role as Role, storeId: row.storeId }
        : { email: normalized },
      action,
      targetType: "user",
      ...(row ? { targetId: row.id } : {}),
      details,
      ip: ip ?? null,
    });

  if (!row) {
    // Spend the same argon2 time as a real check so response times do not reveal which e-mails exist.
    dummyHash ??= hashPassword(generatePassword());
    await verifyPassword(await dummyHash, password);
    await db.$transaction((tx) => audit("auth.login_failed", { reason: "unknown_email", email: normalized }, tx));
    return { ok: false, reason: "invalid" };
  }
  if (isLocked(row.lockedUntil, now)) {
    await db.$transaction((tx) => audit("auth.login_refused", { reason: "locked" }, tx));
    return { ok: false, reason: "locked", lockedUntil: row.lockedUntil as Date };
  }
  if (!(await verifyPassword(row.passwordHash, password))) {
    const next = afterFailedLogin({ failedLogins: row.failedLogins, lockedUntil: row.lockedUntil }, now);
    const lockedNow = isLocked(next.lockedUntil, now);
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: row.id }, data: next });
      await audit("auth.login_failed", { reason: "wrong_password", failedLogins: next.failedLogins }, tx);
      if (lockedNow) await audit("user.locked", { until: (next.lockedUntil as Date).toISOString() }, tx);
    });
    return lockedNow
      ? { ok: false, reason: "locked", lockedUntil: next.lockedUntil as Date }
      : { ok: false, reason: "invalid" };
  }
  if (!row.active) {
    await db.$transaction((tx) => audit("auth.login_refused", { reason: "disabled" }, tx));
    return { ok: false, reason: "disabled" };
  }
  const user = await db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: row.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
      select: userSelect,
    });
    await audit("auth.login", {}, tx);
    return updated;
  });
  return { ok: true, user: toSummary(user) };
}

/** The row behind a live session, re-read on every request so disabling or a reset applies at once. */
export async function findSessionUser(db: PrismaClient, userId: string): Promise<UserSummary | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select: userSelect });
  return row ? toSummary(row) : null;
}

async function requireUser(tx: Prisma.TransactionClient, userId: string): Promise<UserRow> {
  const row = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!row) throw new UserInputError("There is no such user.", "userId");
  return row;
}

function actorId(actor: AuditActor): string | undefined {
  return "system" in actor ? undefined : actor.id;
}

/** Disabling also bumps sessionVersion so every open session of that user ends on its next request. */
export async function setUserActive(
  db: PrismaClient,
  userId: string,
  active: boolean,
  actor: AuditActor,
): Promise<UserSummary> {
  if (!active && actorId(actor) === userId) throw new UserInputError("You cannot disable your own account.", "userId");
  return db.$transaction(async (tx) => {
    await requireUser(tx, userId);
    const row = await tx.user.update({
      where: { id: userId },
      data: active ? { active: true } : { active: false, sessionVersion: { increment: 1 } },
      select: userSelect,
    });
    await writeAudit(tx, {
      actor,
      action: active ? "user.enable" : "user.disable",
      targetType: "user",
      targetId: userId,
    });
    return toSummary(row);
  });
}

/** Sets the given password, or generates one (returned once, never stored in clear); ends open sessions. */
export async function resetPassword(
  db: PrismaClient,
  userId: string,
  actor: AuditActor,
  password?: string,
): Promise<{ user: UserSummary; generatedPassword?: string }> {
  if (password !== undefined) parseOrThrow(passwordSchema, password);
  const generatedPassword = password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(password ?? (generatedPassword as string));
  const user = await db.$transaction(async (tx) => {
    await requireUser(tx, userId);
    const row = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 }, failedLogins: 0, lockedUntil: null },
      select: userSelect,
    });
    await writeAudit(tx, {
      actor,
      action: "user.reset_password",
      targetType: "user",
      targetId: userId,
      details: { passwordGenerated: generatedPassword !== undefined },
    });
    return toSummary(row);
  });
  return generatedPassword === undefined ? { user } : { user, generatedPassword };
}

export async function unlockUser(db: PrismaClient, userId: string, actor: AuditActor): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    const before = await requireUser(tx, userId);
    const row = await tx.user.update({
      where: { id: userId },
      data: { failedLogins: 0, lockedUntil: null },
      select: userSelect,
    });
    await writeAudit(tx, {
      actor,
      action: "user.unlock",
      targetType: "user",
      targetId: userId,
      details: { failedLogins: before.failedLogins, lockedUntil: before.lockedUntil?.toISOString() ?? null },
    });
    return toSummary(row);
  });
}

const roleAndStoreSchema = z.object({ role: roleSchema, store: storeRefSchema.optional() });

/** A new role or store changes what the user may see, so open sessions end and the user signs in again. */
export async function updateUserRoleAndStore(
  db: PrismaClient,
  userId: string,
  input: { role: Role; store?: StoreRef | string },
  actor: AuditActor,
): Promise<UserSummary> {
  const data = parseOrThrow(roleAndStoreSchema, input);
  if (actorId(actor) === userId && data.role !== "ADMIN") {
    throw new UserInputError("You cannot take the ADMIN role away from yourself.", "role");
  }
  return db.$transaction(async (tx) => {
    const before = await requireUser(tx, userId);
    const storeId = await resolveStore(tx, data.role, data.store);
    const row = await tx.user.update({
      where: { id: userId },
      data: { role: data.role, storeId, sessionVersion: { increment: 1 } },
      select: userSelect,
    });
    await writeAudit(tx, {
      actor,
      action: "user.update_role",
      targetType: "user",
      targetId: userId,
      details: { from: { role: before.role, storeId: before.storeId }, to: { role: data.role, storeId } },
    });
    return toSummary(row);
  });
}

/** Every user, newest first; a `search` narrows by e-mail or name. */
export async function listUsers(
  db: PrismaClient,
  options: { search?: string; take?: number } = {},
): Promise<UserSummary[]> {
  const search = options.search?.trim();
  const rows = await db.user.findMany({
    where: search
      ? {
          OR: [
            { email: { contains: search, mode: "insensitive" } },
            { name: { contains: search, mode: "insensitive" } },
          ],
        }
      : {},
    orderBy: { createdAt: "desc" },
    take: options.take ?? 500,
    select: userSelect,
  });
  return rows.map(toSummary);
}
