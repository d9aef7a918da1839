import type { Role } from "@dangol/domain";
import type { Prisma } from "./client.ts";

/**
 * Who did it: a signed-in user, or the operator CLI (which has no user of its own). The role is
 * absent only for sign-in attempts with an e-mail that matches no user.
 */
export type AuditActor =
  | { id?: string; email: string; role?: Role; storeId?: number | null }
  | { system: "cli" | "worker" };

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
  ip?: string | null;
};

/**
 * Appends one audit row. Callers pass their transaction client so the row commits or rolls
 * back together with the change it describes; audit_log itself refuses UPDATE and DELETE.
 */
export async function writeAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  const { actor } = entry;
  const who =
    "system" in actor
      ? { actorId: null, actorEmail: `system:${actor.system}`, actorRole: null, storeId: null }
      : {
          actorId: actor.id ?? null,
          actorEmail: actor.email,
          actorRole: actor.role ?? null,
          storeId: actor.storeId ?? null,
        };
  await tx.auditLog.create({
    data: {
      ...who,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ...(entry.details === undefined ? {} : { details: entry.details }),
      ip: entry.ip ?? null,
    },
  });
}
