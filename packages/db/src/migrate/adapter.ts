import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

/** Connection fields, never a connectionString: PrismaPg copies this config for other databases. */
export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
}

export function parseDatabaseUrl(databaseUrl: string): PgTarget {
  const url = new URL(databaseUrl);
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new Error(`Expected a postgresql:// URL, got ${url.protocol}//…`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) throw new Error("The database URL names no database (postgresql://user@host:5432/<database>)");
  return {
    // ?host=/var/run/postgresql selects a Unix socket, as libpq does.
    host: url.searchParams.get("host") ?? (decodeURIComponent(url.hostname) || "127.0.0.1"),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || "postgres",
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
  };
}

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Runs `fn` with a single connection to the server's maintenance database `postgres`. */
async function withAdminClient<T>(target: PgTarget, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...target, database: "postgres" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database unless it exists; returns whether it created it. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const target = parseDatabaseUrl(databaseUrl);
  return withAdminClient(target, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [target.database]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(target.database)}`);
    } catch (error) {
      // Another process created it between our check and our CREATE.
      if ((error as { code?: string }).code !== "42P04") throw error;
      return false;
    }
    return true;
  });
}

/** FORCE ends other sessions first; our own pools must already be closed. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  await withAdminClient(target, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(target.database)} WITH (FORCE)`),
  );
}

/**
 * The engine's introspection queries return Postgres' internal one-byte "char" type (OID 18:
 * pg_class.relkind, pg_constraint.contype …), which adapter-pg refuses to deserialize
 * ("Column type 'char' could not be deserialized"), and the engine reads those columns as
 * Character, not Text. So the pg client relabels them as text (OID 25) to get through
 * adapter-pg, and notes their positions on the rows array, which adapter-pg passes through
 * untouched; the adapter wrapper below then reports them as Character.
 */
const CHAR_COLUMNS = Symbol("dangol.charColumns");
type Rows = unknown[][] & { [CHAR_COLUMNS]?: number[] };
type QueryResultLike = { fields?: { dataTypeID: number }[]; rows?: Rows };

function relabelCharColumns<R>(result: R): R {
  for (const part of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (part ?? {}) as QueryResultLike;
    const charColumns: number[] = [];
    fields?.forEach((field, index) => {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25;
        charColumns.push(index);
      }
    });
    if (charColumns.length && rows) Object.defineProperty(rows, CHAR_COLUMNS, { value: charColumns });
  }
  return result;
}

class CharAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client#query has a dozen overloads; we only post-process results.
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      // biome-ignore lint/suspicious/noExplicitAny: see above
      args[args.length - 1] = (error: Error | null, result: any) =>
        last(error, error ? result : relabelCharColumns(result));
      // biome-ignore lint/suspicious/noExplicitAny: see above
      return (super.query as any)(...args);
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const returned = (super.query as any)(...args);
    return returned instanceof Promise ? returned.then(relabelCharColumns) : returned;
  }
}

function reportCharColumns(queryable: SqlQueryable): void {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of (result.rows as Rows)[CHAR_COLUMNS] ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

async function connectAdapter(
  target: PgTarget,
  onDispose: (pool: pg.Pool) => Promise<void>,
): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ ...target, max: 4, Client: CharAsTextClient });
  const adapter: PgAdapter = await new PrismaPg(pool).connect();
  const reportError = (error: unknown): never => (adapter as unknown as { onError(e: unknown): never }).onError(error);

  reportCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    reportCharColumns(transaction);
    return transaction;
  };

  // adapter-pg splits scripts on every ';', which breaks function bodies ($$ … ; … $$) in
  // hand-written migrations. Sending the script whole uses the simple-query protocol, which
  // runs it as one implicit transaction, as Prisma's native engine does.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      reportError(error);
    }
  };
  let disposed = false;
  adapter.dispose = async () => {
    if (disposed) return;
    disposed = true;
    await onDispose(pool);
  };
  return adapter;
}

export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Closes every pool this factory opened and drops any shadow database it left behind. */
  close(): Promise<void>;
}

/**
 * A PrismaPg-based factory for the schema engine. It owns the shadow databases because
 * PrismaPg's own shadow cleanup drops the database while its pool still holds connections.
 */
export function createMigrationAdapterFactory(databaseUrl: string): MigrationAdapterFactory {
  const target = parseDatabaseUrl(databaseUrl);
  const open = new Set<SqlDriverAdapter>();

  const track = (adapter: SqlDriverAdapter) => {
    open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      open.delete(adapter);
      await dispose();
    };
    return adapter;
  };

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async connect() {
      return track(await connectAdapter(target, (pool) => pool.end()));
    },
    async connectToShadowDb() {
      const shadow = { ...target, database: `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}` };
      await withAdminClient(target, (client) => client.query(`CREATE DATABASE ${quoteIdent(shadow.database)}`));
      return track(
        await connectAdapter(shadow, async (pool) => {
          await pool.end();
          await withAdminClient(target, (client) =>
            client.query(`DROP DATABASE IF EXISTS ${quoteIdent(shadow.database)} WITH (FORCE)`),
          );
        }),
      );
    },
    async close() {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
    },
  };
}
