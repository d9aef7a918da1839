import type { ClientBase } from "pg";

/** The warehouse tables the refresh reads in bulk. */
const INPUT_TABLES = ["receipt", "receipt_line", "customer", "customer_metrics_snapshot", "category", "store"];

/**
 * Right after a bulk load autovacuum may not have analyzed the warehouse yet; with the row
 * estimates of an almost empty table the planner picks nested loops that turn a seconds-long
 * aggregate into hours (seen on a freshly loaded 50k-customer warehouse: the cycles query ran
 * 15 minutes instead of seconds). So any input table never analyzed, or with more than a tenth
 * of its rows changed since, is analyzed first: ANALYZE reads a fixed sample (300 × the
 * statistics target rows), seconds even at 20M lines. Returns the tables analyzed.
 */
export async function refreshInputStatistics(client: ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT relname FROM pg_stat_user_tables
      WHERE schemaname = current_schema() AND relname = ANY ($1)
        AND (coalesce(last_analyze, last_autoanalyze) IS NULL OR n_mod_since_analyze > 0.1 * greatest(n_live_tup, 1))
      ORDER BY relname`,
    [INPUT_TABLES],
  );
  for (const { relname } of rows) await client.query(`ANALYZE ${client.escapeIdentifier(relname)}`);
  return rows.map((r) => r.relname);
}
