/**
 * Points expiry: the unused remainder of every earn whose last usable day has passed becomes an
 * EXPIRE entry in the one ledger, allocated to that earn (point_allocation) like a burn. Balances
 * are Σ point_entry per customer, so after expiry a customer's balance — whichever division asks —
 * no longer counts lapsed points.
 *
 * Rules (docs/etl.md "Points expiry"):
 * - a lot is a positive entry with an expiry (an EARN, or an ADJUST giving used points back);
 *   it expires on `asOf` when `expires_on < asOf` (the points were usable through expires_on);
 * - the EXPIRE entry is the lot's remainder = points − Σ allocations to it, dated
 *   `expires_on + 1` (the day the points lapsed, whatever day the job ran), one per lot;
 * - idempotent without a marker: a lot that already has an EXPIRE allocation, or no remainder,
 *   is skipped, so a second run for the same day (or any later day) writes nothing new;
 * - a debit dated on or before the expiry that arrives after it (a late file) is allocated by the
 *   load stage's FIFO against the lot as if no expiry had happened; `retrueExpiries` then shrinks
 *   (or grows) the lot's EXPIRE to the new remainder, deleting it at 0, so the ledger sum stays
 *   right.
 */
import type { ClientBase, Pool } from "pg";

/** Held (transaction-scoped) by every writer of point allocations: the load stage and the expiry. */
const LEDGER_LOCK = "dangol.points-ledger";

export async function lockPointsLedger(client: ClientBase): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LEDGER_LOCK]);
}

export type ExpireResult = { asOf: string; entries: number; points: number; seconds: number };

/** Today in Asia/Seoul as YYYY-MM-DD: the scheduled run at 00:10 expires everything usable until yesterday. */
export function seoulToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Writes the EXPIRE entries due on `asOf` inside the caller's transaction (takes the ledger lock).
 * One statement: the due lots (ids drawn from the sequence once, MATERIALIZED), the entries and
 * their allocations.
 */
export async function expirePoints(client: ClientBase, asOf: string): Promise<Omit<ExpireResult, "seconds">> {
  await lockPointsLedger(client);
  const { rows } = await client.query<{ entries: number; points: string }>(
    `WITH due AS MATERIALIZED (
       SELECT nextval(pg_get_serial_sequence('point_entry', 'id')) AS id, l.id AS lot_id, l.customer_id,
              l.origin_source_code, l.expires_on, l.points - COALESCE(u.used, 0) AS remainder
         FROM point_entry l
         LEFT JOIN LATERAL (SELECT sum(a.points)::int AS used FROM point_allocation a WHERE a.earn_entry_id = l.id) u ON true
        WHERE l.kind IN ('EARN', 'ADJUST') AND l.expires_on < $1::date AND l.points > 0
          AND l.points > COALESCE(u.used, 0)
          AND NOT EXISTS (SELECT 1 FROM point_allocation a JOIN point_entry d ON d.id = a.debit_entry_id
                           WHERE a.earn_entry_id = l.id AND d.kind = 'EXPIRE')
     ), entries AS (
       INSERT INTO point_entry (id, customer_id, kind, points, origin_source_code, occurred_on, reason, created_by)
       SELECT id, customer_id, 'EXPIRE', -remainder, origin_source_code, expires_on + 1, 'expired', 'job:expire-points'
         FROM due
       RETURNING id
     ), allocations AS (
       INSERT INTO point_allocation (debit_entry_id, earn_entry_id, points)
       SELECT id, lot_id, remainder FROM due
     )
     SELECT (SELECT count(*) FROM entries)::int AS entries, COALESCE(sum(remainder), 0)::bigint::text AS points FROM due`,
    [asOf],
  );
  return { asOf, entries: rows[0]?.entries ?? 0, points: Number(rows[0]?.points ?? 0) };
}

/** `expirePoints` in its own transaction on a pooled connection (the job and the CLI). */
export async function runPointsExpiry(pool: Pool, options: { asOf?: string } = {}): Promise<ExpireResult> {
  const asOf = options.asOf ?? seoulToday();
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await expirePoints(client, asOf);
    await client.query("COMMIT");
    return { ...result, seconds: Math.round((performance.now() - started) / 10) / 100 };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * After the load stage re-allocated a customer's debits (EXPIRE entries left out of the FIFO),
 * sets each lot's EXPIRE to the lot's remainder after the other debits: shrunk or grown, deleted
 * at 0 (a later expiry run writes it again if the remainder comes back), a duplicate deleted.
 * Returns the entries changed.
 */
export async function retrueExpiries(client: ClientBase, customerIds: readonly string[]): Promise<number> {
  if (customerIds.length === 0) return 0;
  const { rows } = await client.query<{ changed: number }>(
    `WITH need AS MATERIALIZED (
       SELECT e.id AS expire_id, e.points AS current,
              row_number() OVER (PARTITION BY a.earn_entry_id ORDER BY e.id) AS nth,
              l.points - COALESCE((SELECT sum(o.points) FROM point_allocation o
                                     JOIN point_entry d ON d.id = o.debit_entry_id AND d.kind <> 'EXPIRE'
                                    WHERE o.earn_entry_id = l.id), 0) AS remainder
         FROM point_entry e
         JOIN point_allocation a ON a.debit_entry_id = e.id
         JOIN point_entry l ON l.id = a.earn_entry_id
        WHERE e.kind = 'EXPIRE' AND e.customer_id = ANY($1::bigint[])
     ), gone AS (
       DELETE FROM point_entry p USING need n
        WHERE p.id = n.expire_id AND (n.nth > 1 OR n.remainder <= 0)
       RETURNING p.id
     ), fixed AS (
       UPDATE point_entry p SET points = -n.remainder FROM need n
        WHERE p.id = n.expire_id AND n.nth = 1 AND n.remainder > 0 AND n.current <> -n.remainder
       RETURNING p.id
     ), allocations AS (
       UPDATE point_allocation a SET points = n.remainder FROM need n
        WHERE a.debit_entry_id = n.expire_id AND n.nth = 1 AND n.remainder > 0 AND n.current <> -n.remainder
     )
     SELECT ((SELECT count(*) FROM gone) + (SELECT count(*) FROM fixed))::int AS changed`,
    [customerIds],
  );
  return rows[0]?.changed ?? 0;
}
