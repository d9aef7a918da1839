import { randomUUID } from "node:crypto";
import { createLogger } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import type { Role } from "@dangol/domain";
import { createRedis, JobProducer, queryRunJobId } from "@dangol/jobs";
import { waitFor } from "@dangol/testkit/processes";
import { analystConnectionString } from "@dangol/workbench";
import {
  cancelQueryRun,
  exportQueryRun,
  getQueryRun,
  listQueryRuns,
  markRunsSeen,
  queryRunPage,
  requestQueryRun,
  saveQuery,
  unseenFinishedRuns,
  WorkbenchForbiddenError,
  WorkbenchNotFoundError,
  type WorkbenchUser,
} from "@dangol/workbench/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../workers.ts";
import { handlers } from "./index.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const databaseUrl = process.env.DATABASE_URL ?? "";

describe("queries.run through a real BullMQ worker", () => {
  const prefix = `test-${randomUUID()}`;
  const connection = createRedis(redisUrl);
  const producer = new JobProducer(connection, prefix);
  const prisma = createPrismaClient(databaseUrl);
  const connectionString = analystConnectionString(databaseUrl);
  let pool: WorkerPool;
  let analyst: WorkbenchUser;
  let crm: WorkbenchUser;

  async function user(role: Role): Promise<WorkbenchUser> {
    const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@runs.test`;
    const row = await prisma.user.create({ data: { email, name: email, role, passwordHash: "unused" } });
    return { id: row.id, email, role };
  }

  const finished = (runId: string, timeoutMs = 30_000) =>
    waitFor(async () => {
      const run = await getQueryRun(prisma, runId, analyst);
      return ["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.status) ? run : undefined;
    }, timeoutMs);

  beforeAll(async () => {
    [analyst, crm] = await Promise.all([user("ANALYST"), user("CRM_MANAGER")]);
    pool = startWorkers({
      connection,
      handlers,
      logger: createLogger("worker-test", "silent"),
      prefix,
      queues: ["queries"],
    });
  });

  afterAll(async () => {
    await pool.close();
    await producer.queue("queries").obliterate({ force: true });
    await producer.close();
    connection.disconnect();
    await prisma.$disconnect();
  });

  it("binds the parameters, audits the SQL, and the worker stores the rows as SUCCEEDED", async () => {
    const sql = "SELECT g AS n, 'row ' || g AS label, {{day}} AS day FROM generate_series(1, {{n}}) AS g";
    const { runId } = await requestQueryRun(prisma, producer, {
      user: analyst,
      sql,
      parameters: [
        { name: "n", type: "number" },
        { name: "day", type: "date" },
      ],
      parameterValues: { n: 25, day: "2026-11-01" },
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "query.run", targetId: runId } });
    expect(audit).toMatchObject({ actorId: analyst.id, actorEmail: analyst.email });
    expect(audit.details).toMatchObject({ runId, sql, parameterValues: { n: 25, day: "2026-11-01" }, queryId: null });

    const run = await finished(runId);
    expect(run).toMatchObject({ status: "SUCCEEDED", rowCount: 25, truncated: false, error: null, trigger: "web" });
    expect(run.columns).toEqual([
      { name: "n", type: "number" },
      { name: "label", type: "text" },
      { name: "day", type: "date" },
    ]);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const stored = await prisma.queryRun.findUniqueOrThrow({ where: { id: BigInt(runId) } });
    expect(stored.jobId).toBe(queryRunJobId(runId));
    expect(stored.backendPid).toBeNull();

    const page = await queryRunPage(prisma, runId, analyst, { page: 2, pageSize: 10 });
    expect(page).toMatchObject({ total: 25, page: 2, pageSize: 10 });
    expect(page.rows[0]).toEqual([11, "row 11", "2026-11-01"]);
    const sorted = await queryRunPage(prisma, runId, analyst, { sort: 0, dir: "desc", pageSize: 3 });
    expect(sorted.rows.map((row) => row[0])).toEqual([25, 24, 23]);
    // As text "row 9" sorts after "row 25"; as numbers 9 sorts before 25.
    const byLabel = await queryRunPage(prisma, runId, analyst, { sort: 1, dir: "desc", pageSize: 2 });
    expect(byLabel.rows.map((row) => row[1])).toEqual(["row 9", "row 8"]);

    // Someone else cannot see an ad-hoc run, nor learn that it exists.
    await expect(getQueryRun(prisma, runId, crm)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
    await expect(queryRunPage(prisma, runId, crm)).rejects.toBeInstanceOf(WorkbenchNotFoundError);
  }, 60_000);

  it("records the analyst's SQL error as FAILED with Postgres's message", async () => {
    const { runId } = await requestQueryRun(prisma, producer, { user: analyst, sql: "SELECT * FROM public.users" });
    const run = await finished(runId);
    expect(run.status).toBe("FAILED");
    expect(run.error).toBeTruthy();
    expect(run.rowCount).toBeNull();
  });

  it("keeps the failure's kind and its position in the SQL as written, placeholders and all", async () => {
    const sql = "SELECT {{since}} AS since, no_such_column FROM receipts";
    const { runId } = await requestQueryRun(prisma, producer, {
      user: analyst,
      sql,
      parameters: [{ name: "since", type: "date" }],
      parameterValues: { since: "2026-01-01" },
    });
    const run = await finished(runId);
    expect(run).toMatchObject({
      status: "FAILED",
      errorKind: "syntax",
      errorPosition: sql.indexOf("no_such_column") + 1,
    });
  });

  it("refuses a value that does not bind, and a role outside the workbench, before anything is queued", async () => {
    const before = await prisma.queryRun.count();
    await expect(
      requestQueryRun(prisma, producer, {
        user: analyst,
        sql: "SELECT {{day}}",
        parameters: [{ name: "day", type: "date" }],
        parameterValues: { day: "not a day" },
      }),
    ).rejects.toMatchObject({ name: "QueryParameterError", parameter: "day" });
    const staff = { ...analyst, role: "STORE_STAFF" as const };
    await expect(requestQueryRun(prisma, producer, { user: staff, sql: "SELECT 1" })).rejects.toBeInstanceOf(
      WorkbenchForbiddenError,
    );
    expect(await prisma.queryRun.count()).toBe(before);
  });

  it("cancels a running pg_sleep in Postgres: the run ends CANCELLED, and only its asker may cancel it", async () => {
    const { runId } = await requestQueryRun(prisma, producer, { user: analyst, sql: "SELECT pg_sleep(20)" });
    await waitFor(async () => {
      const run = await prisma.queryRun.findUniqueOrThrow({ where: { id: BigInt(runId) } });
      return run.status === "RUNNING" && run.backendPid !== null ? run : undefined;
    });
    await expect(cancelQueryRun(prisma, runId, crm, { producer, connectionString })).rejects.toBeInstanceOf(
      WorkbenchNotFoundError,
    );
    const started = Date.now();
    await cancelQueryRun(prisma, runId, analyst, { producer, connectionString });
    const run = await finished(runId, 10_000);
    expect(run).toMatchObject({ status: "CANCELLED", cancelRequested: true, rowCount: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await prisma.auditLog.count({ where: { action: "query.cancel", targetId: runId } })).toBe(1);
  }, 60_000);

  it("cancels a queued run at once and takes its job off the queue", async () => {
    // A producer under another prefix has no worker: the run stays queued.
    const idle = new JobProducer(connection, `${prefix}-idle`);
    try {
      const { runId } = await requestQueryRun(prisma, idle, { user: analyst, sql: "SELECT 1" });
      expect(await idle.queue("queries").getJob(queryRunJobId(runId))).toBeDefined();
      await cancelQueryRun(prisma, runId, analyst, { producer: idle, connectionString });
      expect((await getQueryRun(prisma, runId, analyst)).status).toBe("CANCELLED");
      expect(await idle.queue("queries").getJob(queryRunJobId(runId))).toBeUndefined();
    } finally {
      await idle.queue("queries").obliterate({ force: true });
      await idle.close();
    }
  });

  it("keeps a saved query's run history, visible to whoever may see the query once it is shared", async () => {
    const query = await saveQuery(prisma, analyst, {
      title: "History",
      sql: "SELECT {{k}} AS k",
      parameters: [{ name: "k", type: "number" }],
      visibility: "SHARED",
    });
    const first = await requestQueryRun(prisma, producer, {
      user: analyst,
      queryId: query.id,
      sql: query.sql,
      parameters: query.parameters,
      parameterValues: { k: 1 },
    });
    await finished(first.runId);
    const second = await requestQueryRun(prisma, producer, {
      user: crm,
      queryId: query.id,
      sql: query.sql,
      parameters: query.parameters,
      parameterValues: { k: 2 },
    });
    await finished(second.runId);
    const history = await listQueryRuns(prisma, query.id, crm);
    expect(history.map((run) => [run.id, run.userEmail, run.status, run.rowCount])).toEqual([
      [second.runId, crm.email, "SUCCEEDED", 1],
      [first.runId, analyst.email, "SUCCEEDED", 1],
    ]);
    expect(history[0]?.parameterValues).toEqual({ k: 2 });
    // The analyst may see the CRM manager's run of the shared query, but not cancel it.
    expect((await getQueryRun(prisma, second.runId, analyst)).status).toBe("SUCCEEDED");
    await expect(cancelQueryRun(prisma, second.runId, analyst, { producer, connectionString })).rejects.toBeInstanceOf(
      WorkbenchForbiddenError,
    );
  }, 60_000);

  it("tells its asker about finished runs until they are marked seen", async () => {
    const unseen = await unseenFinishedRuns(prisma, crm.id);
    expect(unseen.length).toBeGreaterThan(0);
    expect(unseen.every((run) => run.finishedAt !== null)).toBe(true);
    expect(await markRunsSeen(prisma, crm.id, [unseen[0]?.id ?? ""])).toBe(1);
    expect(await unseenFinishedRuns(prisma, crm.id)).toHaveLength(unseen.length - 1);
    await markRunsSeen(prisma, crm.id);
    expect(await unseenFinishedRuns(prisma, crm.id)).toEqual([]);
  });

  it("pages and sorts a 100,000-row result in SQL and exports every row", async () => {
    const { runId } = await requestQueryRun(prisma, producer, {
      user: analyst,
      sql: "SELECT g AS n, md5(g::text) AS h, CASE WHEN g % 10 = 0 THEN NULL ELSE g % 997 END AS m FROM generate_series(1, 100000) AS g",
    });
    const run = await finished(runId, 120_000);
    expect(run).toMatchObject({ status: "SUCCEEDED", rowCount: 100_000, truncated: false });

    const timings: Record<string, number> = {};
    const timed = async <T>(label: string, work: () => Promise<T>) => {
      const started = performance.now();
      const result = await work();
      timings[label] = Math.round(performance.now() - started);
      return result;
    };
    const first = await timed("unsorted page 1", () => queryRunPage(prisma, runId, analyst, { pageSize: 500 }));
    expect(first.rows).toHaveLength(500);
    expect(first.rows[499]?.[0]).toBe(500);
    const last = await timed("unsorted last page", () =>
      queryRunPage(prisma, runId, analyst, { page: 200, pageSize: 500 }),
    );
    expect(last.rows.at(-1)?.[0]).toBe(100_000);
    const byNumber = await timed("numeric sort desc", () =>
      queryRunPage(prisma, runId, analyst, { sort: 2, dir: "desc", pageSize: 500 }),
    );
    expect(byNumber.rows[0]?.[2]).toBe(996);
    const nullsLast = await timed("numeric sort asc, last page", () =>
      queryRunPage(prisma, runId, analyst, { sort: 2, dir: "asc", page: 200, pageSize: 500 }),
    );
    expect(nullsLast.rows.every((row) => row[2] === null)).toBe(true);
    const byText = await timed("text sort", () => queryRunPage(prisma, runId, analyst, { sort: 1, pageSize: 500 }));
    const hashes = byText.rows.map((row) => String(row[1]));
    expect(hashes).toEqual([...hashes].sort());
    const csv = await timed("csv export", () => exportQueryRun(prisma, runId, analyst, "csv"));
    expect(String(csv.body).trimEnd().split("\r\n")).toHaveLength(100_001);
    console.info(`result page timings at 100,000 stored rows (ms): ${JSON.stringify(timings)}`);
  }, 180_000);
});
