import type { PoolClient } from "pg";
import { CopyWriter } from "../batches/copy-writer.ts";
import type { Cell } from "../feeds/types.ts";

/**
 * A temporary table (dropped at commit) filled by COPY with rows TypeScript computed: the load
 * stage writes what it computed this way and then applies it with one INSERT … SELECT / UPDATE …
 * FROM, never row by row. Returns the row count; with no rows no table is created.
 */
export async function copyTemp(
  client: PoolClient,
  name: string,
  columns: readonly (readonly [string, string])[],
  rows: Iterable<readonly Cell[]>,
): Promise<number> {
  const list = Array.isArray(rows) ? (rows as (readonly Cell[])[]) : [...rows];
  // Nothing to write: no table either (callers skip the statements that would read it).
  if (list.length === 0) return 0;
  await client.query(`DROP TABLE IF EXISTS ${name}`);
  await client.query(`CREATE TEMP TABLE ${name} (${columns.map(([c, t]) => `${c} ${t}`).join(", ")}) ON COMMIT DROP`);
  const writer = new CopyWriter(
    client,
    name,
    columns.map(([c]) => c),
  );
  for (const row of list) await writer.write(row);
  const n = await writer.end();
  // Planner statistics only matter once the table is big enough for a join order to matter.
  if (n >= 5000) await client.query(`ANALYZE ${name}`);
  return n;
}

/** Rows affected by a statement. */
export async function exec(client: PoolClient, sql: string, params: unknown[] = []): Promise<number> {
  return (await client.query(sql, params)).rowCount ?? 0;
}
