import type { ClientBase, QueryResultRow } from "pg";

/**
 * Rows of `sql` in batches through a server-side cursor, so only one batch is ever in memory.
 * Runs in its own read-only transaction on `client`, which must not be used for anything else
 * meanwhile. A consumer that stops early (break, error) still ends the transaction.
 */
export async function* cursorBatches<T extends QueryResultRow>(
  client: ClientBase,
  sql: string,
  params: unknown[] = [],
  batchSize = 5_000,
): AsyncGenerator<T[]> {
  await client.query("BEGIN READ ONLY");
  let open = true;
  try {
    // Every row will be read: plan for the total, not for the first 10% (the cursor default,
    // which favours nested loops that are ruinous over a whole warehouse).
    await client.query("SET LOCAL cursor_tuple_fraction = 1");
    await client.query(`DECLARE analytics_cursor NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const { rows } = await client.query<T>(`FETCH ${batchSize} FROM analytics_cursor`);
      if (rows.length === 0) break;
      yield rows;
    }
    await client.query("COMMIT");
    open = false;
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => {});
  }
}
