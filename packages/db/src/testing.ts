import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  deployMigrations,
  dropDatabase,
  type MigrateOptions,
  parseDatabaseUrl,
  withDatabase,
} from "./migrate/index.ts";

export interface TestDatabase {
  /** Connection URL of the new database, migrated to the latest migration. */
  url: string;
  /** Drops the database (ending any connections still open to it). */
  drop(): Promise<void>;
}

/** Where test databases are created: TEST_DATABASE_ADMIN_URL, else DATABASE_URL's server. */
export function testAdminUrl(env: Record<string, string | undefined> = process.env): string {
  if (env.TEST_DATABASE_ADMIN_URL) return env.TEST_DATABASE_ADMIN_URL;
  if (env.DATABASE_URL) return withDatabase(env.DATABASE_URL, "postgres");
  throw new Error(
    "Tests need a PostgreSQL server: set DATABASE_URL (see .env.example) or TEST_DATABASE_ADMIN_URL. The role needs CREATEDB.",
  );
}

/**
 * A fresh, uniquely named database with every migration applied: tests never touch the
 * developer's data and runs can overlap. `options` points at fixture migrations instead of
 * prisma/migrations.
 */
export async function createTestDatabase(prefix = "dangol_test", options: MigrateOptions = {}): Promise<TestDatabase> {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  // Postgres truncates identifiers at 63 bytes; keep the random part intact.
  const name = `${prefix.slice(0, 32)}_${stamp}_${randomBytes(4).toString("hex")}`.toLowerCase();
  const url = withDatabase(testAdminUrl(), name);
  try {
    await deployMigrations(url, options);
  } catch (error) {
    await dropDatabase(url).catch(() => {});
    throw error;
  }
  return {
    url,
    drop: async () => {
      await sessionsClosed(url);
      await dropDatabase(url);
    },
  };
}

/**
 * Waits (up to `ms`) until no session is connected to the database. A test's `pool.end()`
 * resolves before the server has closed its sockets, and the forced DROP would then terminate
 * them (57P01), which the closing client reports as an unhandled error that fails the run.
 */
async function sessionsClosed(url: string, ms = 3000): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [
        parseDatabaseUrl(url).database,
      ]);
      if (rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}
