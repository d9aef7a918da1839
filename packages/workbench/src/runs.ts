import { writeAudit } from "@dangol/db/audit";
import type { Prisma, PrismaClient, QueryRun } from "@dangol/db/client";
import {
  type BoundReplacement,
  bindQueryParameters,
  canViewQuery,
  formatSeoulDate,
  type QueryParameter,
  type QueryParameterValues,
  queryParametersSchema,
  queryParameterValuesSchema,
  sourcePosition,
} from "@dangol/domain";
import { type JobProducer, queryRunJobId } from "@dangol/jobs";
import { z } from "zod";
import {
  AnalystQueryError,
  analystConnectionString,
  cancelAnalystQuery,
  executeAnalystQuery,
  type ResultColumn,
  WORKBENCH_DEFAULTS,
} from "./index.ts";
import { loadVisibleQuery, sqlSchema } from "./saved-queries.ts";
import {
  auditActor,
  parseId,
  parseInput,
  requireWorkbench,
  WorkbenchForbiddenError,
  WorkbenchNotFoundError,
  type WorkbenchUser,
} from "./service-errors.ts";

/**
 * What query_run.parameter_values holds: the definitions and values as asked, and the Seoul day
 * they were asked on. The worker binds exactly these again, so a run queued at 23:59 still means
 * the day it was asked for ("yesterday" does not move at midnight), and a run of an edited or
 * deleted saved query still binds as it was asked.
 */
export type StoredRunParameters = { parameters: QueryParameter[]; values: QueryParameterValues; today: string };

const storedParametersSchema = z.object({
  parameters: queryParametersSchema,
  values: queryParameterValuesSchema,
  today: z.iso.date(),
});

export const RUN_TRIGGERS = ["web", "schedule", "bench", "test"] as const;

const requestSchema = z
  .object({
    queryId: z
      .string()
      .regex(/^\d{1,18}$/, "queryId is a saved query's id")
      .optional(),
    sql: sqlSchema,
    parameters: queryParametersSchema.default([]),
    parameterValues: queryParameterValuesSchema.default({}),
    trigger: z.enum(["web", "bench", "test"]).default("web"),
  })
  .strict();

export type RequestQueryRunInput = z.input<typeof requestSchema> & { user: WorkbenchUser };

const TERMINAL = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;

/**
 * Validates and binds (a bad value fails here with QueryParameterError, before anything is
 * queued), audits the SQL text, stores the run QUEUED and hands it to the worker.
 */
export async function requestQueryRun(
  prisma: PrismaClient,
  producer: JobProducer,
  { user, ...input }: RequestQueryRunInput,
): Promise<{ runId: string }> {
  requireWorkbench(user);
  const request = parseInput(requestSchema, input);
  const stored: StoredRunParameters = {
    parameters: request.parameters,
    values: request.parameterValues,
    today: formatSeoulDate(new Date()),
  };
  bindStored(request.sql, stored);
  const run = await prisma.$transaction(async (tx) => {
    const queryId = request.queryId === undefined ? null : (await loadVisibleQuery(tx, request.queryId, user)).id;
    const row = await createRun(tx, {
      queryId,
      userId: user.id,
      trigger: request.trigger,
      sql: request.sql,
      stored,
    });
    await auditRun(tx, auditActor(user), row, stored);
    return row;
  });
  try {
    await producer.enqueue("queries.run", { runId: String(run.id) }, { jobId: run.jobId ?? undefined });
  } catch (error) {
    await finishRun(prisma, run.id, { status: "FAILED", error: "The run could not be queued; try again." });
    throw error;
  }
  return { runId: String(run.id) };
}

/** A QUEUED run with the workbench's limits; its job id is fixed before the job exists. */
export async function createRun(
  tx: Prisma.TransactionClient,
  input: {
    queryId: bigint | null;
    userId: string | null;
    scheduleId?: bigint;
    trigger: (typeof RUN_TRIGGERS)[number];
    sql: string;
    stored: StoredRunParameters;
    jobId?: string;
  },
): Promise<QueryRun> {
  const row = await tx.queryRun.create({
    data: {
      queryId: input.queryId,
      userId: input.userId,
      scheduleId: input.scheduleId ?? null,
      trigger: input.trigger,
      sql: input.sql,
      parameterValues: input.stored as unknown as Prisma.InputJsonValue,
      rowCap: WORKBENCH_DEFAULTS.rowCap,
      timeoutMs: WORKBENCH_DEFAULTS.timeoutMs,
    },
  });
  return tx.queryRun.update({ where: { id: row.id }, data: { jobId: input.jobId ?? queryRunJobId(row.id) } });
}

/** Every run is audited with its SQL text and the values bound to it. */
export async function auditRun(
  tx: Prisma.TransactionClient,
  actor: Parameters<typeof writeAudit>[1]["actor"],
  run: QueryRun,
  stored: StoredRunParameters,
): Promise<void> {
  await writeAudit(tx, {
    actor,
    action: "query.run",
    targetType: "query_run",
    targetId: String(run.id),
    details: {
      runId: String(run.id),
      queryId: run.queryId === null ? null : String(run.queryId),
      scheduleId: run.scheduleId === null ? null : String(run.scheduleId),
      trigger: run.trigger,
      sql: run.sql,
      parameterValues: stored.values as Prisma.InputJsonValue,
      today: stored.today,
    },
  });
}

function bindStored(sql: string, stored: StoredRunParameters) {
  return bindQueryParameters(sql, stored.parameters, stored.values, { today: stored.today });
}

async function finishRun(
  prisma: PrismaClient,
  id: bigint,
  data: { status: "FAILED" | "CANCELLED"; error?: string | null },
): Promise<void> {
  await prisma.queryRun.update({
    where: { id },
    data: { status: data.status, error: data.error ?? null, finishedAt: new Date(), backendPid: null },
  });
}

/** jsonb takes what JSON takes: bigints and dates become text the way psql would print them. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  return value;
}

/**
 * The worker's job body. Claims the run (QUEUED → RUNNING) so it executes at most once, runs it
 * as the read-only analyst role and stores the result or the reason it has none.
 */
export async function executeQueryRun(
  prisma: PrismaClient,
  runId: string | bigint,
  { connectionString }: { connectionString: string },
): Promise<{ status: QueryRun["status"] }> {
  const id = parseId(runId, "run");
  const claimed = await prisma.queryRun.updateMany({
    where: { id, status: "QUEUED", cancelRequested: false },
    data: { status: "RUNNING", startedAt: new Date() },
  });
  if (claimed.count === 0) {
    const run = await prisma.queryRun.findUnique({ where: { id } });
    if (!run) throw new WorkbenchNotFoundError("run");
    if (run.status === "QUEUED") await finishRun(prisma, id, { status: "CANCELLED" });
    // RUNNING here means a worker died mid-run: attempts is 1, so say so rather than rerun it.
    else if (run.status === "RUNNING")
      await finishRun(prisma, id, { status: "FAILED", error: "The worker stopped during this run; run it again." });
    return { status: (await prisma.queryRun.findUniqueOrThrow({ where: { id } })).status };
  }
  const run = await prisma.queryRun.findUniqueOrThrow({ where: { id } });
  let replacements: BoundReplacement[] = [];
  try {
    const stored = storedParametersSchema.parse(run.parameterValues) as StoredRunParameters;
    const bound = bindStored(run.sql, stored);
    replacements = bound.replacements;
    const result = await executeAnalystQuery(connectionString, bound, {
      timeoutMs: run.timeoutMs,
      rowCap: run.rowCap,
      onStarted: async (backendPid) => {
        // A cancel that came between the claim and now found no pid to cancel: honour it here.
        const [row] = await prisma.$queryRaw<{ cancel_requested: boolean }[]>`
          UPDATE query_run SET backend_pid = ${backendPid} WHERE id = ${id} RETURNING cancel_requested`;
        if (row?.cancel_requested) await cancelAnalystQuery(connectionString, backendPid);
      },
    });
    await prisma.queryRun.update({
      where: { id },
      data: {
        status: "SUCCEEDED",
        columns: result.columns as unknown as Prisma.InputJsonValue,
        rows: result.rows.map(jsonSafe) as Prisma.InputJsonValue,
        rowCount: result.rowCount,
        truncated: result.truncated,
        durationMs: Math.round(result.durationMs),
        finishedAt: new Date(),
        backendPid: null,
      },
    });
    return { status: "SUCCEEDED" };
  } catch (error) {
    const durationMs = Date.now() - (run.startedAt ?? new Date()).getTime();
    const cancelled = error instanceof AnalystQueryError && error.kind === "cancelled";
    await prisma.queryRun.update({
      where: { id },
      data: {
        status: cancelled ? "CANCELLED" : "FAILED",
        error: cancelled ? null : error instanceof Error ? error.message : String(error),
        errorKind: error instanceof AnalystQueryError ? error.kind : isParameterError(error) ? "parameter" : "failed",
        errorPosition:
          error instanceof AnalystQueryError && error.position ? sourcePosition(error.position, replacements) : null,
        durationMs,
        finishedAt: new Date(),
        backendPid: null,
      },
    });
    // The analyst's SQL failing is an outcome, not a worker fault; anything else is a bug to see.
    if (!(error instanceof AnalystQueryError) && !isParameterError(error)) throw error;
    return { status: cancelled ? "CANCELLED" : "FAILED" };
  }
}

function isParameterError(error: unknown): boolean {
  return error instanceof Error && error.name === "QueryParameterError";
}

/**
 * The run's asker (or an admin) stops it: a queued run ends at once and leaves the queue, a
 * running one is cancelled in Postgres (the worker then records CANCELLED).
 */
export async function cancelQueryRun(
  prisma: PrismaClient,
  runId: string | bigint,
  user: WorkbenchUser,
  options: { connectionString?: string; producer?: JobProducer } = {},
): Promise<void> {
  const run = await loadVisibleRun(prisma, runId, user);
  if (run.userId !== user.id && user.role !== "ADMIN")
    throw new WorkbenchForbiddenError("Only the person who started the run (or an admin) can cancel it.");
  if ((TERMINAL as readonly string[]).includes(run.status)) return;
  await prisma.queryRun.update({ where: { id: run.id }, data: { cancelRequested: true } });
  await writeAudit(prisma, {
    actor: auditActor(user),
    action: "query.cancel",
    targetType: "query_run",
    targetId: String(run.id),
  });
  const dequeued = await prisma.queryRun.updateMany({
    where: { id: run.id, status: "QUEUED" },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
  if (dequeued.count === 1) {
    // A job the worker already took sees cancel_requested and stops; a waiting one can go.
    const job = run.jobId ? await options.producer?.queue("queries").getJob(run.jobId) : undefined;
    await job?.remove().catch(() => undefined);
    return;
  }
  const running = await prisma.queryRun.findUniqueOrThrow({ where: { id: run.id } });
  if (running.status === "RUNNING" && running.backendPid !== null)
    await cancelAnalystQuery(options.connectionString ?? analystConnectionString(), running.backendPid);
}

/**
 * A run its asker may see, or anyone who may see its saved query (scheduled runs have no asker).
 * Without its rows: a 100,000-row result is megabytes of JSON that only SQL should touch.
 */
export async function loadVisibleRun(db: Prisma.TransactionClient, runId: string | bigint, user: WorkbenchUser) {
  const run = await db.queryRun.findUnique({
    where: { id: parseId(runId, "run") },
    omit: { rows: true },
    include: { query: true, user: { select: { email: true } } },
  });
  if (!run) throw new WorkbenchNotFoundError("run");
  const own = run.userId !== null && run.userId === user.id;
  const viaQuery = run.query !== null && run.query.deletedAt === null && canViewQuery(user, run.query);
  if (!own && !viaQuery && user.role !== "ADMIN") throw new WorkbenchNotFoundError("run");
  return run;
}

export type QueryRunSummary = {
  id: string;
  queryId: string | null;
  scheduleId: string | null;
  status: QueryRun["status"];
  trigger: string;
  userEmail: string | null;
  sql: string;
  parameterValues: QueryParameterValues;
  columns: ResultColumn[] | null;
  rowCount: number | null;
  truncated: boolean;
  error: string | null;
  /** AnalystQueryError kind, "parameter" for a refused value, "failed" otherwise. */
  errorKind: string | null;
  errorPosition: number | null;
  durationMs: number | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

function summary(run: Omit<QueryRun, "rows"> & { user: { email: string } | null }): QueryRunSummary {
  const stored = storedParametersSchema.safeParse(run.parameterValues);
  return {
    id: String(run.id),
    queryId: run.queryId === null ? null : String(run.queryId),
    scheduleId: run.scheduleId === null ? null : String(run.scheduleId),
    status: run.status,
    trigger: run.trigger,
    userEmail: run.user?.email ?? null,
    sql: run.sql,
    parameterValues: stored.success ? (stored.data.values as QueryParameterValues) : {},
    columns: (run.columns ?? null) as ResultColumn[] | null,
    rowCount: run.rowCount,
    truncated: run.truncated,
    error: run.error,
    errorKind: run.errorKind,
    errorPosition: run.errorPosition,
    durationMs: run.durationMs,
    cancelRequested: run.cancelRequested,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/** Status, counts and error of one run (no rows: queryRunPage pages them). */
export async function getQueryRun(
  prisma: PrismaClient,
  runId: string | bigint,
  user: WorkbenchUser,
): Promise<QueryRunSummary> {
  return summary(await loadVisibleRun(prisma, runId, user));
}

/** A saved query's run history, newest first: who, how, how long, how many rows (never the rows). */
export async function listQueryRuns(
  prisma: PrismaClient,
  queryId: string | bigint,
  user: WorkbenchUser,
  { limit = 50 }: { limit?: number } = {},
): Promise<QueryRunSummary[]> {
  const query = await loadVisibleQuery(prisma, queryId, user);
  const runs = await prisma.queryRun.findMany({
    where: { queryId: query.id },
    omit: { rows: true },
    include: { user: { select: { email: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 500),
  });
  return runs.map(summary);
}

/** The shell's notification: the caller's runs that finished since they last looked. */
export async function unseenFinishedRuns(prisma: PrismaClient, userId: string, { limit = 20 } = {}) {
  const runs = await prisma.queryRun.findMany({
    where: { userId, status: { in: [...TERMINAL] }, seenAt: null },
    omit: { rows: true },
    include: { user: { select: { email: true } }, query: { select: { title: true } } },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return runs.map((run) => ({ ...summary(run), queryTitle: run.query?.title ?? null }));
}

/** Clears the notification for the given runs (or all of the caller's finished runs). */
export async function markRunsSeen(prisma: PrismaClient, userId: string, runIds?: string[]): Promise<number> {
  const ids = runIds?.map((id) => parseId(id, "run"));
  const { count } = await prisma.queryRun.updateMany({
    where: { userId, seenAt: null, status: { in: [...TERMINAL] }, ...(ids ? { id: { in: ids } } : {}) },
    data: { seenAt: new Date() },
  });
  return count;
}
