import type { ClientBase } from "pg";

/**
 * ANALYZEs each of `tables` ("name" in the current schema or "schema.name") that was never
 * analyzed or has more than `fraction` of its rows changed since. The warehouse must not rely
 * on autovacuum for planner statistics: it may be off (it is on our CI machines) or simply
 * behind a bulk load, and with an empty table's estimates the planner turns seconds into hours
 * (a hashed subplan over every source link per withdrawal, nested loops over a freshly loaded
 * receipt table). ANALYZE reads a fixed sample, so it costs about the same at any size; called
 * after each load, tables growing from empty are analyzed O(log n) times. Returns what it analyzed.
 *
 * A backend reports its row counts to pg_stat at most once a second, when idle outside a
 * transaction: read straight after the load's COMMIT, the counters miss that load's rows and
 * the grown table looks fresh. So it first asks for the flush and lets the statement end, which
 * is when the backend flushes. Call it outside a transaction block.
 */
export async function analyzeStaleTables(
  client: ClientBase,
  tables: readonly string[],
  fraction = 0.1,
): Promise<string[]> {
  await client.query(`SELECT pg_stat_force_next_flush()`);
  const { rows } = await client.query<{ name: string }>(
    `SELECT CASE WHEN schemaname = current_schema() THEN relname ELSE schemaname || '.' || relname END AS name
       FROM pg_stat_user_tables
      WHERE (relname = ANY ($1) AND schemaname = current_schema() OR schemaname || '.' || relname = ANY ($1))
        AND (coalesce(last_analyze, last_autoanalyze) IS NULL OR n_mod_since_analyze > $2::float8 * greatest(n_live_tup, 1))
      ORDER BY 1`,
    [tables, fraction],
  );
  for (const { name } of rows)
    await client.query(
      `ANALYZE ${name
        .split(".")
        .map((part) => client.escapeIdentifier(part))
        .join(".")}`,
    );
  return rows.map((r) => r.name);
}
