import pg from "pg";

export type PostgresReachability = { ok: true; ms: number } | { ok: false; ms: number; error: string };

/** One `SELECT 1` on a fresh connection with a short timeout, for health checks and `dangol doctor`. */
export async function pingPostgres(databaseUrl: string, timeoutMs = 2000): Promise<PostgresReachability> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    return { ok: false, ms: Math.round(performance.now() - started), error: message };
  } finally {
    await client.end().catch(() => {});
  }
}
