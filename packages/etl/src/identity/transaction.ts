import type { PoolClient } from "pg";

/**
 * Runs `work` in its own transaction on `client` (BEGIN … COMMIT, ROLLBACK on any error), so a
 * manual identity action is all or nothing. The client must not be inside a transaction already.
 */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** One audit_log row (the shape of @dangol/db/audit's writeAudit), written on the action's client. */
export async function auditIdentity(
  client: PoolClient,
  entry: { actor: string; action: string; targetType: string; targetId: string; details: Record<string, unknown> },
): Promise<void> {
  await client.query(
    `INSERT INTO audit_log (actor_email, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [entry.actor, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.details)],
  );
}
