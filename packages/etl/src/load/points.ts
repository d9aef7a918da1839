/**
 * The points ledger from the batch's receipts: an EARN per receipt that earned points (a return's
 * take-back is a negative EARN), a BURN per receipt that used points (a return giving used points
 * back is an ADJUST credit: only earns carry an expiry, so returned points never lapse). Earns expire at the end of the month 24 months after the month earned
 * (pointsExpiryFor); debits consume the oldest unexpired earns first, a take-back its own sale's
 * earn first (allocatePointsFifo) — recomputed per touched customer, so re-runs change nothing.
 * EXPIRE entries (points.expire) stay out of the FIFO: each belongs to its own lot, and after the
 * re-allocation it is set to whatever that lot still has left (a late burn dated before the expiry
 * shrinks it), see packages/etl/src/points/expire.ts.
 */
import { allocatePointsFifo } from "@dangol/db/seed";
import type { PoolClient } from "pg";
import { lockPointsLedger, retrueExpiries } from "../points/expire.ts";
import { copyTemp, exec } from "./temp-table.ts";

type LedgerEntry = Parameters<typeof allocatePointsFifo>[0][number];

const EXPIRES = `(date_trunc('month', r.business_date) + interval '25 months' - interval '1 day')::date`;

export async function loadPoints(
  client: PoolClient,
  batchId: string,
): Promise<{ entries: number; allocations: number; expiriesChanged: number }> {
  // The daily expiry reads remainders these allocations define: never both at once.
  await lockPointsLedger(client);
  const entries = await exec(
    client,
    `INSERT INTO point_entry (customer_id, kind, points, origin_source_code, receipt_id, occurred_on, expires_on, reason, created_by)
     SELECT r.customer_id, e.kind::point_kind, e.points, r.source_code, r.id, r.business_date, e.expires, e.reason, 'etl'
       FROM receipt r
       CROSS JOIN LATERAL (VALUES
         ('EARN', r.points_earned, CASE WHEN r.points_earned > 0 THEN ${EXPIRES} END,
            CASE WHEN r.points_earned < 0 THEN 'return take-back' ELSE 'earned' END),
         (CASE WHEN r.points_used > 0 THEN 'BURN' ELSE 'ADJUST' END, -r.points_used,
            NULL,
            CASE WHEN r.points_used > 0 THEN 'used' ELSE 'used points returned' END)) AS e(kind, points, expires, reason)
      WHERE r.batch_id = $1 AND r.customer_id IS NOT NULL AND e.points <> 0
     ON CONFLICT (receipt_id, kind) DO NOTHING`,
    [batchId],
  );
  const { rows } = await client.query(
    `SELECT p.id::text, p.customer_id::text, p.kind::text, p.points, p.occurred_on::text, p.expires_on::text,
            (SELECT o.id::text FROM receipt rr JOIN point_entry o ON o.receipt_id = rr.original_receipt_id AND o.kind = 'EARN'
              WHERE rr.id = p.receipt_id AND p.kind = 'EARN' AND p.points < 0) AS preferred
       FROM point_entry p
      WHERE p.kind <> 'EXPIRE' AND p.customer_id IN (SELECT DISTINCT customer_id FROM point_entry WHERE receipt_id IN
                                (SELECT id FROM receipt WHERE batch_id = $1) AND points < 0)`,
    [batchId],
  );
  if (rows.length === 0) return { entries, allocations: 0, expiriesChanged: 0 };
  const ledger: LedgerEntry[] = rows.map((r) => ({
    id: BigInt(r.id),
    customerId: BigInt(r.customer_id),
    kind: r.kind,
    points: r.points,
    occurredOn: new Date(`${r.occurred_on}T00:00:00Z`),
    expiresOn: r.expires_on ? new Date(`${r.expires_on}T00:00:00Z`) : null,
    preferredEarnId: r.preferred ? BigInt(r.preferred) : null,
  }));
  const allocations = allocatePointsFifo(ledger);
  await copyTemp(
    client,
    "ld_allocation",
    [
      ["debit_entry_id", "bigint"],
      ["earn_entry_id", "bigint"],
      ["points", "int"],
    ],
    allocations.map((a) => [String(a.debitEntryId), String(a.earnEntryId), a.points]),
  );
  await client.query(
    `DELETE FROM point_allocation a USING point_entry d
      WHERE a.debit_entry_id = d.id AND d.id = ANY($1::bigint[])`,
    [rows.filter((r) => r.points < 0).map((r) => r.id)],
  );
  const n =
    allocations.length === 0
      ? 0
      : await exec(
          client,
          `INSERT INTO point_allocation (debit_entry_id, earn_entry_id, points) SELECT debit_entry_id, earn_entry_id, points FROM ld_allocation`,
        );
  const expiriesChanged = await retrueExpiries(client, [...new Set(rows.map((r) => r.customer_id as string))]);
  return { entries, allocations: n, expiriesChanged };
}
