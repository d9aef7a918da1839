import { type AuditActor, writeAudit } from "@dangol/db/audit";
import { getPrisma, type Prisma } from "@dangol/db/client";
import type { Role } from "@dangol/domain";
import {
  decideLookup,
  LOOKUP_LIMITS,
  type LookupLimits,
  lookupWindowStart,
  type RevealField,
} from "@dangol/domain/lookup";

/** The signed-in user as the lookup records them (the store is on every audit row). */
export type LookupActor = { id: string; email: string; role: Role; storeId: number | null };

export type Gated<T> = { kind: "ok"; value: T } | { kind: "locked"; until: Date };

const MINUTE_MS = 60_000;

function auditActor(actor: LookupActor): AuditActor {
  return { id: actor.id, email: actor.email, role: actor.role, storeId: actor.storeId };
}

/**
 * Runs one search under the user's rate limit. Per user the check, the search and its audit row
 * are serialised by an advisory lock, so two tabs cannot both slip in as the 60th lookup. The
 * attempt past the limit locks the account's lookups and writes `lookup.locked`, which the admin
 * users page shows as an alert.
 */
export async function gatedLookup<T>(
  actor: LookupActor,
  search: (tx: Prisma.TransactionClient) => Promise<{ value: T; details: Prisma.InputJsonObject }>,
  limits: LookupLimits = LOOKUP_LIMITS,
): Promise<Gated<T>> {
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lookup:${actor.id}`}))`;
    const now = new Date();
    const [user, recentLookups] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { lookupLockedUntil: true } }),
      tx.auditLog.count({
        where: { actorId: actor.id, at: { gte: lookupWindowStart(now, limits) }, action: "customer.lookup" },
      }),
    ]);
    const gate = decideLookup({ now, lockedUntil: user.lookupLockedUntil, recentLookups }, limits);
    if (gate.kind === "locked") return gate;
    if (gate.kind === "exceeded") {
      await tx.user.update({ where: { id: actor.id }, data: { lookupLockedUntil: gate.until } });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "lookup.locked",
        targetType: "user",
        targetId: actor.id,
        details: { lookups: recentLookups, windowMinutes: limits.windowMinutes, until: gate.until.toISOString() },
      });
      return { kind: "locked", until: gate.until };
    }
    const { value, details } = await search(tx);
    await writeAudit(tx, { actor: auditActor(actor), action: "customer.lookup", targetType: "customer", details });
    return { kind: "ok", value };
  });
}

export type CardAccess =
  | { kind: "locked"; until: Date }
  /** not among the customers the user's own searches returned recently: no browsing by id */
  | { kind: "notLookedUp" }
  | { kind: "ok"; revealed: RevealField[] };

/**
 * Whether the user may open this customer's card now, and which fields they revealed for it in
 * the last few minutes — one round trip over the (actor_id, at) index of the audit log.
 */
export async function cardAccess(
  actor: LookupActor,
  customerId: bigint,
  limits: LookupLimits = LOOKUP_LIMITS,
): Promise<CardAccess> {
  const now = Date.now();
  const shownSince = new Date(now - limits.cardMinutes * MINUTE_MS);
  const revealedSince = new Date(now - limits.revealMinutes * MINUTE_MS);
  const id = customerId.toString();
  const [row] = await getPrisma().$queryRaw<{ locked_until: Date | null; shown: boolean; revealed: string[] }[]>`
    SELECT (SELECT lookup_locked_until FROM app_user WHERE id = ${actor.id}::uuid) AS locked_until,
           EXISTS (SELECT 1 FROM audit_log
                    WHERE actor_id = ${actor.id}::uuid AND at >= ${shownSince} AND action = 'customer.lookup'
                      AND details -> 'customerIds' ? ${id}) AS shown,
           ARRAY(SELECT DISTINCT details ->> 'field' FROM audit_log
                  WHERE actor_id = ${actor.id}::uuid AND at >= ${revealedSince} AND action = 'customer.reveal'
                    AND target_type = 'customer' AND target_id = ${id}) AS revealed`;
  if (row?.locked_until && row.locked_until.getTime() > now) return { kind: "locked", until: row.locked_until };
  if (!row?.shown) return { kind: "notLookedUp" };
  return { kind: "ok", revealed: row.revealed as RevealField[] };
}

/**
 * Opens a card: free for a customer the user's own search returned recently (the search was the
 * lookup); any other id counts as a lookup of its own, so opening cards by id is no way around
 * the limit and every opened card is in the audit log.
 */
export async function openCard(
  actor: LookupActor,
  customerId: bigint,
): Promise<Exclude<CardAccess, { kind: "notLookedUp" }>> {
  const access = await cardAccess(actor, customerId);
  if (access.kind !== "notLookedUp") return access;
  const gated = await gatedLookup(actor, async () => ({
    value: null,
    details: { by: "id", customerIds: [customerId.toString()] },
  }));
  return gated.kind === "locked" ? gated : { kind: "ok", revealed: [] };
}

/** Ends a lookup lock early (admin users page); audited as lookup.unlock. */
export async function unlockLookup(userId: string, admin: AuditActor): Promise<{ email: string }> {
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { lookupLockedUntil: true } });
    const user = await tx.user.update({
      where: { id: userId },
      data: { lookupLockedUntil: null },
      select: { email: true },
    });
    await writeAudit(tx, {
      actor: admin,
      action: "lookup.unlock",
      targetType: "user",
      targetId: userId,
      details: { lockedUntil: before.lookupLockedUntil?.toISOString() ?? null },
    });
    return user;
  });
}
