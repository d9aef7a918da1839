import { statementBounds } from "@dangol/domain";
import pg from "pg";
import { z } from "zod";
import { columnType, type ResultColumn, resultTypes } from "./result-types.ts";
import { WRAP_PREFIX, wrapStatement } from "./statement.ts";

export type { ResultColumn, ResultColumnType } from "./result-types.ts";

export interface QueryResult {
  columns: ResultColumn[];
  rows: unknown[][];
  /** Rows returned (at most the row cap). */
  rowCount: number;
  /** More rows than the cap existed; only the first rowCap are returned. */
  truncated: boolean;
  /** From the statement's start to its last row, connection setup excluded. */
  durationMs: number;
}

export const WORKBENCH_DEFAULTS = { timeoutMs: 30_000, rowCap: 100_000 } as const;

/** Shown in pg_stat_activity; cancelAnalystQuery only signals backends carrying it. */
export const APPLICATION_NAME = "dangol-workbench";

/** How long past the statement timeout the client waits for the server before giving up itself. */
const GUARD_GRACE_MS = 5_000;

export type AnalystQueryErrorKind =
  | "timeout"
  | "cancelled"
  | "syntax"
  | "permission"
  | "not_a_query"
  | "read_only"
  | "failed";

/**
 * Why a run failed, in words an analyst can act on. The message is Postgres's own where it helps
 * (a misspelt column, a permission refused) and never carries connection details.
 */
export class AnalystQueryError extends Error {
  constructor(
    readonly kind: AnalystQueryErrorKind,
    message: string,
    readonly sqlState?: string,
    /** 1-based character offset into the bound text, when Postgres pointed at one. */
    readonly position?: number,
  ) {
    super(message);
    this.name = "AnalystQueryError";
  }
}

const optionsSchema = z.object({
  timeoutMs: z
    .number({ error: "timeoutMs must be a number of milliseconds" })
    .int("timeoutMs must be a whole number of milliseconds")
    .min(100, "timeoutMs must be at least 100 ms")
    .max(3_600_000, "timeoutMs must be at most one hour"),
  rowCap: z
    .number({ error: "rowCap must be a number of rows" })
    .int("rowCap must be a whole number")
    .min(1, "rowCap must be at least 1")
    .max(1_000_000, "rowCap must be at most 1,000,000"),
});

export interface ExecuteOptions {
  timeoutMs: number;
  rowCap: number;
  /** Called with the server process id before the analyst's SQL runs, so a run can be cancelled. */
  onStarted?: (backendPid: number) => void | Promise<void>;
}

/**
 * Runs one analyst statement as the query role. The guarantees, and why each is where it is:
 *
 * - A fresh connection per run, closed afterwards: anything the SQL could leave on a session
 *   (an advisory lock, a set_config, a prepared statement) dies with it, and a pool could not
 *   hand a tampered session to the next analyst.
 * - The role itself may only SELECT from the analytics views and defaults to read-only with a
 *   30 s timeout (the migration); on top of that each run is `BEGIN READ ONLY` with its own
 *   `SET LOCAL statement_timeout`, and always ends in ROLLBACK, never COMMIT.
 * - The text runs as the subquery of `SELECT * FROM (<text>) AS workbench_result LIMIT cap + 1`,
 *   sent with the extended protocol (Parse/Bind/Execute) even without values. A subquery must be
 *   one SELECT / WITH / VALUES / TABLE query without data-modifying CTEs or INTO, and Parse
 *   refuses a second statement, so `COMMIT; DELETE …`, `SET ROLE …` or `SELECT 1; SELECT 2` never
 *   run: nobody has to parse SQL correctly here for that to hold. Values are bound by the server.
 * - `LIMIT cap + 1` stops the server one row past the cap: a huge result is never materialised,
 *   and the extra row says whether the result was truncated. An ORDER BY inside is kept (a sorted
 *   subquery is never flattened into the outer one).
 * - Not a cursor (DECLARE … CURSOR FOR would give the same one-query guarantee): Postgres never
 *   plans a cursor's query in parallel and plans it for its first 10 % of rows, so big aggregates
 *   ran up to 1.6× slower than in psql (docs/workbench.md#benchmark).
 * - A guard timer (timeout + 5 s) cancels the backend from another connection and drops the
 *   socket, should the server not stop by itself.
 */
export async function executeAnalystQuery(
  connectionString: string,
  bound: { text: string; values: unknown[] },
  options: ExecuteOptions,
): Promise<QueryResult> {
  const { timeoutMs, rowCap } = parseOptions(options);
  const statement = statementBounds(bound.text);
  if (statement.firstTokenAt < 0) throw new AnalystQueryError("not_a_query", "The query is empty.");
  // Postgres would refuse it too (a `;` cannot stand inside the subquery); saying so up front
  // names the real problem instead of "syntax error at or near ;".
  if (statement.semicolonAt >= 0) throw new AnalystQueryError("not_a_query", NOT_A_QUERY);

  const client = new pg.Client({
    connectionString,
    application_name: APPLICATION_NAME,
    types: resultTypes,
    connectionTimeoutMillis: 10_000,
  });
  // A dropped socket surfaces through the pending query; an unhandled 'error' would crash the process.
  client.on("error", () => {});
  const state: RunState = {
    phase: "connect",
    guardFired: false,
    startedAt: 0,
    timeoutMs,
    startsLikeQuery: QUERY_START.test(statement.text.slice(statement.firstTokenAt)),
  };
  let guard: NodeJS.Timeout | undefined;
  try {
    await client.connect();
    state.phase = "setup";
    // One round trip: the transaction, its limits, Seoul time (date_trunc over timestamptz must
    // cut days and months where the business does) and the pid for cancelling.
    const setup = (await client.query(
      `BEGIN READ ONLY; SET LOCAL statement_timeout = ${timeoutMs}; SET LOCAL lock_timeout = '5s'; ` +
        `SET LOCAL TimeZone = 'Asia/Seoul'; SELECT pg_backend_pid() AS pid`,
    )) as unknown as pg.QueryResult<{ pid: number }>[];
    const pid = setup.at(-1)?.rows[0]?.pid as number;
    state.phase = "started";
    await options.onStarted?.(pid);

    guard = setTimeout(() => {
      state.guardFired = true;
      cancelAnalystQuery(connectionString, pid).catch(() => {});
      // With a query in flight, end() destroys the socket instead of waiting for the server.
      client.end().catch(() => {});
    }, timeoutMs + GUARD_GRACE_MS);

    state.phase = "query";
    state.startedAt = performance.now();
    const query: pg.QueryConfig & { queryMode: "extended"; rowMode: "array" } = {
      text: wrapStatement(statement.text, rowCap + 1),
      values: bound.values,
      // Parse/Bind even without values: the simple protocol would run `…; DELETE …` as two statements.
      queryMode: "extended",
      rowMode: "array",
    };
    const fetched = await client.query(query);
    const durationMs = Math.round(performance.now() - state.startedAt);
    const truncated = fetched.rows.length > rowCap;
    const rows = truncated ? fetched.rows.slice(0, rowCap) : fetched.rows;
    return {
      columns: fetched.fields.map((f) => ({ name: f.name, type: columnType(f.dataTypeID) })),
      rows,
      rowCount: rows.length,
      truncated,
      durationMs,
    };
  } catch (error) {
    // The caller's own callback failing is the caller's error, not the analyst's.
    if (state.phase === "started") throw error;
    throw toAnalystError(error, state);
  } finally {
    clearTimeout(guard);
    if (!state.guardFired) await client.query("ROLLBACK").catch(() => {});
    await client.end().catch(() => {});
  }
}

/**
 * Cancels a running analyst query by its backend pid. The query role may signal its own
 * backends (Postgres lets a role cancel sessions of the same role), so no privileged
 * connection is needed; the filter on the role and application name keeps a stale pid from
 * hitting anything else. Returns whether a backend was signalled.
 */
export async function cancelAnalystQuery(connectionString: string, backendPid: number): Promise<boolean> {
  const pid = z.number().int().positive("backendPid must be a positive process id").parse(backendPid);
  const client = new pg.Client({ connectionString, application_name: `${APPLICATION_NAME}-cancel` });
  client.on("error", () => {});
  try {
    await client.connect();
    const result = await client.query<{ cancelled: boolean }>(
      `SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity
        WHERE pid = $1 AND usename = current_user AND application_name = $2`,
      [pid, APPLICATION_NAME],
    );
    return result.rows[0]?.cancelled === true;
  } catch (error) {
    throw toAnalystError(error, {
      phase: "connect",
      guardFired: false,
      startedAt: 0,
      timeoutMs: 0,
      startsLikeQuery: false,
    });
  } finally {
    await client.end().catch(() => {});
  }
}

function parseOptions(options: ExecuteOptions): z.infer<typeof optionsSchema> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new AnalystQueryError("failed", parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

interface RunState {
  phase: "connect" | "setup" | "started" | "query";
  guardFired: boolean;
  startedAt: number;
  timeoutMs: number;
  startsLikeQuery: boolean;
}

const QUERY_START = /^(?:\(|(?:select|with|values|table)\b)/i;

const NOT_A_QUERY =
  "Only one read-only query can run here: a single SELECT, WITH, VALUES or TABLE statement, without data-modifying WITH clauses.";

function toAnalystError(error: unknown, state: RunState): AnalystQueryError {
  if (error instanceof AnalystQueryError) return error;
  if (state.guardFired) return timeoutError(state.timeoutMs);
  if (!(error instanceof pg.DatabaseError) || state.phase === "connect" || state.phase === "setup") {
    return connectionError(error);
  }
  const code = error.code ?? "";
  const userPosition = error.position ? Number(error.position) - WRAP_PREFIX.length : undefined;
  const position = userPosition && userPosition > 0 ? userPosition : undefined;
  const make = (kind: AnalystQueryErrorKind, message = error.message) =>
    new AnalystQueryError(kind, message, code, position);

  if (code === "57014") {
    const elapsed = performance.now() - state.startedAt;
    return /statement timeout/.test(error.message) || elapsed >= state.timeoutMs
      ? timeoutError(state.timeoutMs, code)
      : make("cancelled", "The query was cancelled.");
  }
  if (code === "42501") return make("permission");
  if (code === "25006" || code === "25001") return make("read_only");
  // A subquery's grammar takes only a query, so a text not starting like one fails as a syntax
  // error (Postgres points past the first word, which it first reads as a table name).
  const subqueryRule = /INTO is not allowed|data-modifying statement must be at the top level/.test(error.message);
  if ((code === "42601" && !state.startsLikeQuery) || subqueryRule) return make("not_a_query", NOT_A_QUERY);
  if (code.startsWith("42")) return make("syntax");
  if (code.startsWith("53")) return make("failed", `The database ran short of resources: ${error.message}`);
  return make("failed");
}

function timeoutError(timeoutMs: number, sqlState?: string): AnalystQueryError {
  return new AnalystQueryError("timeout", `The query ran longer than ${timeoutMs / 1000} s and was stopped.`, sqlState);
}

/** Connection failures say what to do, never where the database lives or who logs in. */
function connectionError(error: unknown): AnalystQueryError {
  const code = error instanceof pg.DatabaseError ? error.code : undefined;
  if (code === "53300") {
    return new AnalystQueryError("failed", "Too many analyst queries are running; try again shortly.", code);
  }
  return new AnalystQueryError(
    "failed",
    "The analytics database could not be reached; try again, and tell an administrator if it persists.",
    code,
  );
}
