import pg from "pg";
import { env } from "./env.ts";

// One pool per worker process for the handlers that write with plain SQL (etl, points, quality).
// The etl queue runs one job at a time and the maintenance jobs are short, so a few connections do.
let pool: pg.Pool | undefined;

export function getPool(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 3 });
  return pool;
}

/** Graceful shutdown: after the workers stopped taking jobs. */
export async function closePool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.end();
}
