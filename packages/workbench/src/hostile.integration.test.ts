import { parseEnv, queryEnv } from "@dangol/config";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalystQueryError, type AnalystQueryErrorKind, executeAnalystQuery } from "./executor.ts";
import { type AnalystTestDatabase, openAnalystTestDatabase, seedAnalyticsRows } from "./test-fixture.ts";

/**
 * What an analyst (or a stolen analyst session) might try. Each must be refused with the right
 * kind, and afterwards the app must be healthy: a normal query still runs, nothing the app owns
 * changed, and no session of the query role is left behind.
 */
interface Hostile {
  name: string;
  sql: string;
  kind: AnalystQueryErrorKind;
  values?: (appPid: number) => unknown[];
  timeoutMs?: number;
}

const HOSTILE: Hostile[] = [
  // Writes, through the views and straight at the tables.
  { name: "INSERT into a view", sql: "INSERT INTO analytics.stores (store_id) VALUES (1)", kind: "not_a_query" },
  { name: "UPDATE a view", sql: "UPDATE analytics.customers SET status = 'WITHDRAWN'", kind: "not_a_query" },
  { name: "DELETE from a view", sql: "DELETE FROM analytics.receipts", kind: "not_a_query" },
  { name: "TRUNCATE a view", sql: "TRUNCATE analytics.stores", kind: "not_a_query" },
  { name: "UPDATE a base table", sql: "UPDATE public.app_user SET role = 'ADMIN'", kind: "not_a_query" },
  { name: "DELETE from the audit log", sql: "DELETE FROM public.audit_log", kind: "not_a_query" },
  {
    name: "INSERT into a base table",
    sql: "INSERT INTO customer (status, updated_at) VALUES ('ACTIVE', now())",
    kind: "not_a_query",
  },
  { name: "CREATE TABLE", sql: "CREATE TABLE analytics.loot (id int)", kind: "not_a_query" },
  { name: "DROP VIEW", sql: "DROP VIEW analytics.customers", kind: "not_a_query" },
  { name: "ALTER VIEW", sql: "ALTER VIEW analytics.customers RENAME TO gone", kind: "not_a_query" },
  { name: "GRANT itself more", sql: "GRANT SELECT ON public.customer TO dangol_query", kind: "not_a_query" },
  { name: "ALTER its own role", sql: "ALTER ROLE dangol_query SET statement_timeout = 0", kind: "not_a_query" },
  // Reading outside the analytics views.
  { name: "read the users", sql: "SELECT * FROM public.app_user", kind: "permission" },
  { name: "read raw customer PII", sql: "SELECT name, phone, email FROM public.customer", kind: "permission" },
  { name: "read the audit log", sql: "SELECT * FROM public.audit_log", kind: "permission" },
  { name: "read staging", sql: "SELECT * FROM staging.member", kind: "permission" },
  { name: "read password hashes", sql: "SELECT rolname, rolpassword FROM pg_authid", kind: "permission" },
  { name: "read server settings", sql: "SELECT current_setting('data_directory')", kind: "permission" },
  { name: "lock rows of a view", sql: "SELECT * FROM analytics.stores FOR UPDATE", kind: "permission" },
  // Dangerous functions and the file system.
  { name: "pg_read_file", sql: "SELECT pg_read_file('/etc/passwd')", kind: "permission" },
  { name: "pg_ls_dir", sql: "SELECT pg_ls_dir('.')", kind: "permission" },
  { name: "lo_import", sql: "SELECT lo_import('/etc/passwd')", kind: "permission" },
  { name: "pg_reload_conf", sql: "SELECT pg_reload_conf()", kind: "permission" },
  { name: "COPY … TO PROGRAM", sql: "COPY (SELECT 1) TO PROGRAM 'id > /tmp/pwned'", kind: "not_a_query" },
  { name: "COPY … TO a file", sql: "COPY (SELECT * FROM analytics.customers) TO '/tmp/x'", kind: "not_a_query" },
  { name: "CREATE EXTENSION dblink", sql: "CREATE EXTENSION dblink", kind: "not_a_query" },
  { name: "dblink_connect", sql: "SELECT dblink_connect('dbname=postgres')", kind: "syntax" },
  { name: "nextval on the app's sequence", sql: "SELECT nextval('public.receipt_id_seq')", kind: "permission" },
  // Changing who it is or its limits.
  { name: "SET ROLE", sql: "SET ROLE dangol", kind: "not_a_query" },
  { name: "SET SESSION AUTHORIZATION", sql: "SET SESSION AUTHORIZATION dangol", kind: "not_a_query" },
  { name: "RESET ROLE", sql: "RESET ROLE", kind: "not_a_query" },
  { name: "set_config('role')", sql: "SELECT set_config('role', 'dangol', false)", kind: "permission" },
  {
    name: "set_config('session_authorization')",
    sql: "SELECT set_config('session_authorization', 'dangol', false)",
    kind: "permission",
  },
  { name: "SET statement_timeout = 0", sql: "SET statement_timeout = 0", kind: "not_a_query" },
  {
    name: "set_config('statement_timeout', '0') then sleep",
    sql: "SELECT set_config('statement_timeout', '0', false), pg_sleep(10)",
    kind: "timeout",
  },
  {
    name: "transaction_read_only off",
    sql: "SELECT set_config('transaction_read_only', 'off', true)",
    kind: "read_only",
  },
  // Escaping the one read-only statement.
  { name: "COMMIT; DELETE …", sql: "COMMIT; DELETE FROM public.audit_log", kind: "not_a_query" },
  { name: "two SELECTs", sql: "SELECT 1; SELECT 2", kind: "not_a_query" },
  { name: "a SELECT then COMMIT", sql: "SELECT 1; COMMIT;", kind: "not_a_query" },
  { name: "BEGIN; …", sql: "BEGIN; DELETE FROM analytics.stores; COMMIT", kind: "not_a_query" },
  { name: "ROLLBACK; …", sql: "ROLLBACK; UPDATE public.app_user SET active = false", kind: "not_a_query" },
  {
    name: "a second statement behind a comment",
    sql: "SELECT 1 -- harmless\n; DELETE FROM public.audit_log",
    kind: "not_a_query",
  },
  {
    name: "data-modifying CTE",
    sql: "WITH x AS (DELETE FROM analytics.stores RETURNING 1) SELECT * FROM x",
    kind: "not_a_query",
  },
  { name: "LOCK TABLE", sql: "LOCK TABLE analytics.customers IN ACCESS EXCLUSIVE MODE", kind: "not_a_query" },
  { name: "CREATE TEMP TABLE", sql: "CREATE TEMP TABLE t AS SELECT 1", kind: "not_a_query" },
  { name: "SELECT … INTO", sql: "SELECT * INTO TEMP t FROM analytics.stores", kind: "not_a_query" },
  { name: "DO block", sql: "DO $$ BEGIN DELETE FROM public.audit_log; END $$", kind: "not_a_query" },
  { name: "CALL", sql: "CALL public.anything()", kind: "not_a_query" },
  { name: "PREPARE", sql: "PREPARE p AS SELECT 1", kind: "not_a_query" },
  { name: "EXECUTE", sql: "EXECUTE p", kind: "not_a_query" },
  { name: "LISTEN", sql: "LISTEN dangol", kind: "not_a_query" },
  { name: "NOTIFY", sql: "NOTIFY dangol, 'hi'", kind: "not_a_query" },
  { name: "VACUUM", sql: "VACUUM public.customer", kind: "not_a_query" },
  // Other sessions and the server's time.
  {
    name: "pg_terminate_backend of the app's session",
    sql: "SELECT pg_terminate_backend($1::int)",
    values: (appPid) => [appPid],
    kind: "permission",
  },
  {
    name: "pg_cancel_backend of the app's session",
    sql: "SELECT pg_cancel_backend($1::int)",
    values: (appPid) => [appPid],
    kind: "permission",
  },
  { name: "pg_sleep(60)", sql: "SELECT pg_sleep(60)", kind: "timeout" },
  { name: "a huge generate_series", sql: "SELECT sum(g) FROM generate_series(1, 10000000000) g", kind: "timeout" },
];

const TIMEOUT_MS = 1_000;
const queryRole = parseEnv(queryEnv).QUERY_DB_USER;
let db: AnalystTestDatabase;
let appPid: number;
let fingerprint: string;

/** Everything the hostile list aims at, as one comparable string. */
async function appFingerprint(): Promise<string> {
  const table = (name: string) =>
    `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${name} t)`;
  const { rows } = await db.app.query(
    `
    SELECT concat_ws(';', ${["app_user", "customer", "store", "source_system", "audit_log"].map(table).join(", ")},
      (SELECT last_value FROM receipt_id_seq),
      (SELECT string_agg(n.nspname || '.' || c.relname, ',' ORDER BY n.nspname, c.relname)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'analytics', 'staging')),
      (SELECT string_agg(r.rolname || ':' || r.rolsuper || r.rolcreaterole || coalesce(array_to_string(r.rolconfig, ','), ''), ',')
         FROM pg_roles r WHERE r.rolname = $1)) AS fingerprint`,
    [queryRole],
  );
  return rows[0].fingerprint;
}

async function queryRoleSessions(): Promise<number> {
  const { rows } = await db.app.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = $1`,
    [queryRole],
  );
  return rows[0].n;
}

async function expectHealthy(): Promise<void> {
  const normal = await executeAnalystQuery(
    db.analyst,
    { text: "SELECT count(*)::int FROM stores WHERE store_code LIKE 'WB_'", values: [] },
    { timeoutMs: 5_000, rowCap: 10 },
  );
  expect(normal.rows).toEqual([[2]]);
  expect(await appFingerprint()).toBe(fingerprint);
  // A closed connection's backend exits a moment after the client lets go.
  await expect.poll(queryRoleSessions, { timeout: 3_000, interval: 50 }).toBe(0);
  await db.app.query("SELECT 1");
}

beforeAll(async () => {
  db = await openAnalystTestDatabase();
  await seedAnalyticsRows(db.app);
  await db.app.query(`INSERT INTO audit_log (action, details) VALUES ('workbench.test', '{}')`);
  appPid = (await db.app.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
  fingerprint = await appFingerprint();
});

afterAll(async () => {
  await db?.close();
});

describe("hostile analyst queries", () => {
  it("covers at least thirty", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE)("refuses $name ($kind) and the app stays healthy", async ({ sql, kind, values, timeoutMs }) => {
    const started = Date.now();
    const outcome = await executeAnalystQuery(
      db.analyst,
      { text: sql, values: values?.(appPid) ?? [] },
      { timeoutMs: timeoutMs ?? TIMEOUT_MS, rowCap: 100 },
    ).then(
      (result) => result,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(AnalystQueryError);
    expect((outcome as AnalystQueryError).kind).toBe(kind);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3_000);
    await expectHealthy();
  });

  it("leaves no session state behind: an advisory lock dies with the run's connection", async () => {
    const held = await executeAnalystQuery(
      db.analyst,
      { text: "SELECT pg_advisory_lock(4242)::text", values: [] },
      { timeoutMs: TIMEOUT_MS, rowCap: 1 },
    );
    expect(held.rowCount).toBe(1);
    await expect
      .poll(async () => (await db.app.query(`SELECT pg_try_advisory_lock(4242) AS got`)).rows[0].got)
      .toBe(true);
    await db.app.query(`SELECT pg_advisory_unlock(4242)`);
    await expectHealthy();
  });

  it("returns only the row cap of an enormous result, quickly", async () => {
    // A set-returning function in the select list streams (in FROM it would be materialised first).
    const result = await executeAnalystQuery(
      db.analyst,
      { text: "SELECT generate_series(1, 1000000000000) AS g", values: [] },
      { timeoutMs: TIMEOUT_MS, rowCap: 1_000 },
    );
    expect(result).toMatchObject({ rowCount: 1_000, truncated: true });
    await expectHealthy();
  });
});

describe("the query role on its own (without the executor's wrapper)", () => {
  // The migration's floor under the executor: a plain session of the role cannot write even
  // with its read-only default switched off, nor read outside the analytics views.
  const attempts: { sql: string; sqlState: string; readWrite: boolean }[] = [
    { sql: "CREATE TEMP TABLE loot (id int)", sqlState: "25006", readWrite: false },
    { sql: "INSERT INTO analytics.stores (store_id) VALUES (1)", sqlState: "42501", readWrite: true },
    { sql: "DELETE FROM public.audit_log", sqlState: "42501", readWrite: true },
    { sql: "CREATE TABLE analytics.loot (id int)", sqlState: "42501", readWrite: true },
    { sql: "CREATE TABLE public.loot (id int)", sqlState: "42501", readWrite: true },
    { sql: "SELECT * FROM public.customer", sqlState: "42501", readWrite: true },
    { sql: "SET ROLE dangol", sqlState: "42501", readWrite: true },
  ];

  it.each(attempts)("refuses $sql ($sqlState)", async ({ sql, sqlState, readWrite }) => {
    const client = new pg.Client({ connectionString: db.analyst });
    await client.connect();
    try {
      if (readWrite) await client.query("SET default_transaction_read_only = off");
      await expect(client.query(sql)).rejects.toMatchObject({ code: sqlState });
    } finally {
      await client.end();
    }
    await expectHealthy();
  });
});
