/**
 * A manual points adjustment by the CRM team: one ADJUST entry in the one ledger, with its reason
 * and author, audited. A credit is a lot later debits consume; it carries no expiry (the schema
 * keeps expiries to EARN entries: point_entry_expiry_on_earn), so goodwill points do not lapse. A
 * deduction consumes the oldest usable lots first, as a burn does, so the expiry job and the load
 * stage's re-allocation treat it like any other entry.
 */
import { type AdjustmentRefusal, checkPointsAdjustment } from "@dangol/domain/contacts";
import type { PoolClient } from "pg";
import { lockPointsLedger, seoulToday } from "./expire.ts";

export class PointsAdjustmentError extends Error {
  constructor(readonly code: AdjustmentRefusal | "customer_changed" | "busy") {
    super(`points adjustment refused: ${code}`);
    this.name = new.target.name;
  }
}

export interface PointsAdjustmentInput {
  customerId: string;
  points: number;
  reason: string;
  actor: { id: string; email: string; role: string; storeId: number | null };
}

/**
 * In the caller's transaction, whose lock waits it limits to 5 s: a sales batch holds the ledger
 * lock until it commits, and a person waiting on a form should hear "try again" instead.
 * Returns the new entry and the balance after it.
 */
export async function adjustPoints(
  client: PoolClient,
  input: PointsAdjustmentInput,
): Promise<{ entryId: string; balance: number }> {
  const { customerId, points, actor } = input;
  const reason = input.reason.trim();
  await client.query(`SET LOCAL lock_timeout = '5s'`);
  let customers: { status: string }[];
  try {
    await lockPointsLedger(client);
    ({ rows: customers } = await client.query(`SELECT status::text FROM customer WHERE id = $1 FOR UPDATE`, [
      customerId,
    ]));
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") throw new PointsAdjustmentError("busy");
    throw error;
  }
  if (!customers[0] || customers[0].status === "MERGED" || customers[0].status === "WITHDRAWN")
    throw new PointsAdjustmentError("customer_changed");
  const { rows: sums } = await client.query(
    `SELECT COALESCE(sum(points), 0)::int AS balance FROM point_entry WHERE customer_id = $1`,
    [customerId],
  );
  const balance = sums[0].balance as number;
  const refusal = checkPointsAdjustment({ points, reason }, balance);
  if (refusal) throw new PointsAdjustmentError(refusal);
  const today = seoulToday();
  const { rows } = await client.query(
    `INSERT INTO point_entry (customer_id, kind, points, occurred_on, expires_on, reason, created_by)
     VALUES ($1, 'ADJUST', $2, $3::date, NULL, $4, $5)
     RETURNING id::text`,
    [customerId, points, today, reason, actor.email],
  );
  const entryId = rows[0].id as string;
  if (points < 0)
    await client.query(
      `WITH lots AS (
         SELECT l.id, l.occurred_on,
                l.points - COALESCE((SELECT sum(a.points) FROM point_allocation a WHERE a.earn_entry_id = l.id), 0) AS remaining
           FROM point_entry l
          WHERE l.customer_id = $1 AND l.kind IN ('EARN', 'ADJUST') AND l.points > 0
            AND (l.expires_on IS NULL OR l.expires_on >= $3::date)),
       running AS (
         SELECT id, remaining, sum(remaining) OVER (ORDER BY occurred_on, id) - remaining AS before
           FROM lots WHERE remaining > 0)
       INSERT INTO point_allocation (debit_entry_id, earn_entry_id, points)
       SELECT $2::bigint, id, least(remaining, $4::int - before) FROM running WHERE before < $4::int`,
      [customerId, entryId, today, -points],
    );
  await client.query(
    `INSERT INTO audit_log (actor_id, actor_email, actor_role, store_id, action, target_type, target_id, details)
     VALUES ($1, $2, $3, $4, 'points.adjust', 'customer', $5, $6::jsonb)`,
    [
      actor.id,
      actor.email,
      actor.role,
      actor.storeId,
      customerId,
      JSON.stringify({ entryId, points, reason, balanceBefore: balance }),
    ],
  );
  return { entryId, balance: balance + points };
}
