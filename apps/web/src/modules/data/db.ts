import pg from "pg";
import { env } from "@/env";

const holder = globalThis as unknown as { dangolDataPool?: pg.Pool };

/**
 * The Data page's own small pool: its reads are plain SQL over the ETL bookkeeping, and the identity
 * decisions (@dangol/etl/identity) take a pg PoolClient in one transaction. One per server process.
 */
export function dataPool(): pg.Pool {
  holder.dangolDataPool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: 3,
    application_name: "web-data",
  });
  return holder.dangolDataPool;
}

/** Runs `fn` in one transaction on one connection (BEGIN … COMMIT, ROLLBACK on any error). */
export async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await dataPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
