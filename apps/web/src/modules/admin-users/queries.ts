import { getPrisma } from "@dangol/db/client";

/** Every store as `DIVISION:CODE`, for the store picker (store codes repeat across divisions). */
export async function listStoreOptions(): Promise<{ ref: string; label: string }[]> {
  const stores = await getPrisma().store.findMany({
    where: { active: true },
    orderBy: [{ sourceCode: "asc" }, { code: "asc" }],
    select: { sourceCode: true, code: true, name: true },
  });
  return stores.map((s) => ({ ref: `${s.sourceCode}:${s.code}`, label: `${s.sourceCode}:${s.code} ${s.name}` }));
}

export type LookupLockAlert = { at: Date; userId: string; email: string; lookups: number; lockedUntil: Date | null };

/**
 * Store accounts that ran past the lookup limit in the last day (audit `lookup.locked`), each with
 * its lock as it stands now: an admin sees who, when and whether it is still locked.
 */
export async function recentLookupLocks(now: Date = new Date()): Promise<LookupLockAlert[]> {
  const db = getPrisma();
  const rows = await db.auditLog.findMany({
    where: { action: "lookup.locked", at: { gte: new Date(now.getTime() - 86_400_000) } },
    orderBy: { at: "desc" },
    take: 50,
    select: { at: true, targetId: true, actorEmail: true, details: true },
  });
  const ids = [...new Set(rows.flatMap((r) => (r.targetId ? [r.targetId] : [])))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, lookupLockedUntil: true } });
  const lockOf = new Map(users.map((u) => [u.id, u.lookupLockedUntil]));
  return rows.flatMap((r) =>
    r.targetId
      ? [
          {
            at: r.at,
            userId: r.targetId,
            email: r.actorEmail ?? "",
            lookups: Number((r.details as { lookups?: number } | null)?.lookups ?? 0),
            lockedUntil: lockOf.get(r.targetId) ?? null,
          },
        ]
      : [],
  );
}
