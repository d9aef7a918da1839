import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalystQueryError, cancelAnalystQuery, type ExecuteOptions, executeAnalystQuery } from "./executor.ts";
import { type AnalystTestDatabase, openAnalystTestDatabase, seedAnalyticsRows } from "./test-fixture.ts";

let db: AnalystTestDatabase;
const limits = { timeoutMs: 5_000, rowCap: 1_000 };
const run = (text: string, values: unknown[] = [], options: ExecuteOptions = limits) =>
  executeAnalystQuery(db.analyst, { text, values }, options);

async function refusal(promise: Promise<unknown>): Promise<AnalystQueryError> {
  const error = await promise.then(
    () => new Error("the query ran"),
    (e: unknown) => e,
  );
  if (!(error instanceof AnalystQueryError)) throw error;
  return error;
}

beforeAll(async () => {
  db = await openAnalystTestDatabase();
  await seedAnalyticsRows(db.app);
});

afterAll(async () => {
  await db?.close();
});

describe("executeAnalystQuery", () => {
  it("returns typed, JSON-safe columns and rows in column order", async () => {
    const result = await run(`
      SELECT 42 AS int4, 9007199254740991::int8 AS safe_big, 9007199254740993::int8 AS huge,
             1234.50::numeric(10,2) AS amount, 1.0 / 3 AS ratio, 2.5::float8 AS float, 'NaN'::float8 AS nan,
             true AS flag, DATE '2026-03-01' AS day, TIMESTAMPTZ '2026-03-01 09:00:00+09' AS instant,
             TIMESTAMP '2026-03-01 09:30:00' AS wall, '{"a": [1, "b"]}'::jsonb AS doc,
             ARRAY[1, 2]::int8[] AS ids, ARRAY[DATE '2026-01-01', NULL] AS days, ARRAY['x', 'y, z'] AS words,
             '2 days'::interval AS span, NULL::text AS nothing`);
    expect(result.columns).toEqual([
      { name: "int4", type: "number" },
      { name: "safe_big", type: "number" },
      { name: "huge", type: "number" },
      { name: "amount", type: "number" },
      { name: "ratio", type: "number" },
      { name: "float", type: "number" },
      { name: "nan", type: "number" },
      { name: "flag", type: "boolean" },
      { name: "day", type: "date" },
      { name: "instant", type: "timestamp" },
      { name: "wall", type: "timestamp" },
      { name: "doc", type: "json" },
      { name: "ids", type: "array" },
      { name: "days", type: "array" },
      { name: "words", type: "array" },
      { name: "span", type: "text" },
      { name: "nothing", type: "text" },
    ]);
    const [row] = result.rows;
    expect(row).toEqual([
      42,
      9007199254740991,
      "9007199254740993",
      1234.5,
      expect.closeTo(1 / 3, 12),
      2.5,
      "NaN",
      true,
      "2026-03-01",
      "2026-03-01T00:00:00.000Z",
      "2026-03-01T09:30:00",
      { a: [1, "b"] },
      [1, 2],
      ["2026-01-01", null],
      ["x", "y, z"],
      "2 days",
      null,
    ]);
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
    expect(result).toMatchObject({ rowCount: 1, truncated: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("reads the analytics views, which hold no personal data", async () => {
    const result = await run(`SELECT * FROM customers WHERE joined_on BETWEEN '2009-01-01' AND '2009-02-28'`);
    const names = result.columns.map((c) => c.name);
    expect(names).toContain("customer_id");
    expect(names).toContain("age_band");
    for (const hidden of ["name", "phone", "email", "birth_date"]) expect(names).not.toContain(hidden);
    expect(result.rowCount).toBe(3);
    expect(JSON.stringify(result.rows)).not.toContain("kim@example.com");
  });

  it("binds parameters inside the wrapped query, including a text[] list with = ANY($1)", async () => {
    const result = await run(
      `SELECT store_code, division FROM analytics.stores
        WHERE division = ANY($1::text[]) AND store_code LIKE 'WB_' AND name <> $2::text ORDER BY store_code`,
      [["MART", "DPT"], "없는 매장"],
    );
    expect(result.rows).toEqual([
      ["WB1", "MART"],
      ["WB2", "DPT"],
    ]);
    const byDate = await run(`SELECT count(*)::int FROM customers WHERE joined_on BETWEEN $1::date AND $2::date`, [
      "2009-02-01",
      "2009-02-27",
    ]);
    expect(byDate.rows).toEqual([[1]]);
    // A value is data, never SQL: a quote in it changes nothing.
    const quoted = await run(`SELECT $1::text AS v`, ["x'); DELETE FROM store; --"]);
    expect(quoted.rows).toEqual([["x'); DELETE FROM store; --"]]);
  });

  it("joins a segment parameter's members through analytics.segment_members (its latest snapshot)", async () => {
    const { rows } = await db.app.query<{ id: string; latest: string; customer: string }>(
      `WITH owner AS (SELECT id FROM app_user ORDER BY email LIMIT 1),
            kim AS (SELECT id FROM customer WHERE email = 'kim@example.com'),
            seg AS (INSERT INTO segment (name, owner_id, definition, updated_at)
                    SELECT 'workbench segment', owner.id, '{}'::jsonb, now() FROM owner RETURNING id),
            old AS (INSERT INTO segment_snapshot (segment_id, taken_at, reason, definition, size, spend_12m, base_size)
                    SELECT id, now() - interval '1 day', 'manual', '{}', 1, 0, 1 FROM seg RETURNING id),
            old_member AS (INSERT INTO segment_snapshot_member (snapshot_id, customer_id)
                           SELECT old.id, kim.id FROM old, kim),
            latest AS (INSERT INTO segment_snapshot (segment_id, taken_at, reason, definition, size, spend_12m, base_size)
                       SELECT id, now(), 'manual', '{}', 0, 0, 1 FROM seg RETURNING id)
       SELECT (SELECT id::text FROM seg) AS id, (SELECT id::text FROM latest) AS latest, (SELECT id::text FROM kim) AS customer`,
    );
    const [segment] = rows;
    const members = () =>
      run(`SELECT customer_id::text FROM segment_members WHERE segment_id = $1::bigint`, [segment?.id]);
    // the customer was in the older snapshot only
    expect((await members()).rows).toEqual([]);
    await db.app.query(`INSERT INTO segment_snapshot_member (snapshot_id, customer_id) VALUES ($1, $2)`, [
      segment?.latest,
      segment?.customer,
    ]);
    expect((await members()).rows).toEqual([[segment?.customer]]);
  });

  it("stops at the row cap and says the result was truncated", async () => {
    const capped = await run(`SELECT g FROM generate_series(1, 50) g`, [], { ...limits, rowCap: 10 });
    expect(capped).toMatchObject({ rowCount: 10, truncated: true });
    expect(capped.rows.at(-1)).toEqual([10]);
    const exact = await run(`SELECT g FROM generate_series(1, 10) g`, [], { ...limits, rowCap: 10 });
    expect(exact).toMatchObject({ rowCount: 10, truncated: false });
  });

  it("keeps the analyst's ORDER BY under the cap", async () => {
    const sorted = await run(`SELECT g FROM generate_series(1, 50) g ORDER BY g DESC`, [], { ...limits, rowCap: 3 });
    expect(sorted.rows).toEqual([[50], [49], [48]]);
  });

  it("describes the columns of an empty result", async () => {
    const result = await run(`SELECT store_id, name FROM stores WHERE false`);
    expect(result.columns).toEqual([
      { name: "store_id", type: "number" },
      { name: "name", type: "text" },
    ]);
    expect(result).toMatchObject({ rows: [], rowCount: 0, truncated: false });
  });

  it("accepts a closing semicolon, comments and VALUES / TABLE / WITH statements", async () => {
    expect((await run(`SELECT 1 AS one;`)).rows).toEqual([[1]]);
    expect((await run(`-- the count\nSELECT /* nested /* comment */ */ 2 ; -- done\n/* bye */`)).rows).toEqual([[2]]);
    expect((await run(`SELECT ';' AS s, $$ ; -- $$ AS d, E'\\';' AS e;`)).rows).toEqual([[";", " ; -- ", "';"]]);
    expect((await run(`VALUES (1, 'a'), (2, 'b')`)).rowCount).toBe(2);
    expect((await run(`TABLE analytics.stores`)).rowCount).toBeGreaterThanOrEqual(2);
    expect(
      (await run(`WITH s AS (SELECT * FROM stores WHERE store_code LIKE 'WB_') SELECT count(*)::int FROM s`)).rows,
    ).toEqual([[2]]);
  });

  it("points a syntax error at the analyst's text, not the wrapper", async () => {
    const error = await refusal(run(`SELECT customer_id, nosuch FROM customers`));
    expect(error).toMatchObject({ kind: "syntax", sqlState: "42703", position: 21 });
    expect(error.message).toBe('column "nosuch" does not exist');
    const typo = await refusal(run(`SELEC 1`));
    expect(typo.kind).toBe("not_a_query");
    const broken = await refusal(run(`SELECT (1`));
    expect(broken).toMatchObject({ kind: "syntax", sqlState: "42601" });
  });

  it("refuses an empty text and bad limits with a clear message", async () => {
    expect(await refusal(run(` -- nothing\n ;`))).toMatchObject({
      kind: "not_a_query",
      message: "The query is empty.",
    });
    const bad = await refusal(run(`SELECT 1`, [], { timeoutMs: 10, rowCap: 0 }));
    expect(bad.message).toContain("timeoutMs must be at least 100 ms");
    expect(bad.message).toContain("rowCap must be at least 1");
  });

  it("stops a query at its statement timeout", async () => {
    const started = Date.now();
    const error = await refusal(run(`SELECT pg_sleep(10)`, [], { timeoutMs: 500, rowCap: 10 }));
    expect(error).toMatchObject({ kind: "timeout", sqlState: "57014" });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("reports the backend before running and can be cancelled from another connection", async () => {
    let pid = 0;
    const started = Date.now();
    // refusal() attaches the handler now: the rejection arrives while the test is still polling.
    const running = refusal(
      run(`SELECT pg_sleep(20)`, [], {
        timeoutMs: 25_000,
        rowCap: 10,
        onStarted: (backendPid) => {
          pid = backendPid;
        },
      }),
    );
    await expect.poll(() => pid).toBeGreaterThan(0);
    // Wait until the sleep is on the server (only the same role sees another session's query),
    // then cancel the way the web app does.
    const observer = new pg.Client({ connectionString: db.analyst });
    await observer.connect();
    await expect
      .poll(async () => {
        const { rows } = await observer.query(`SELECT state, query FROM pg_stat_activity WHERE pid = $1`, [pid]);
        return rows[0]?.state === "active" && /pg_sleep/.test(rows[0]?.query ?? "");
      })
      .toBe(true);
    await observer.end();
    expect(await cancelAnalystQuery(db.analyst, pid)).toBe(true);
    const error = await running;
    expect(error).toMatchObject({ kind: "cancelled", sqlState: "57014" });
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nothing to cancel any more: the run's connection was closed.
    await expect.poll(() => cancelAnalystQuery(db.analyst, pid)).toBe(false);
  });

  it("passes an onStarted failure through unchanged and runs nothing", async () => {
    const failure = new Error("could not record the backend pid");
    const outcome = await run(`SELECT 1`, [], {
      ...limits,
      onStarted: () => {
        throw failure;
      },
    }).catch((e: unknown) => e);
    expect(outcome).toBe(failure);
  });

  it("never hands connection details to the analyst", async () => {
    const url = new URL(db.analyst);
    const noDatabase = Object.assign(new URL(url), { pathname: "/dangol_no_such_database" });
    const noServer = Object.assign(new URL(url), { port: "1" });
    for (const target of [noDatabase, noServer]) {
      const error = await refusal(executeAnalystQuery(target.toString(), { text: "SELECT 1", values: [] }, limits));
      expect(error.kind).toBe("failed");
      expect(error.message).not.toMatch(/dangol_query|dangol_no_such|password|127\.0\.0\.1|:1\b|5432|localhost/);
    }
  });
});
