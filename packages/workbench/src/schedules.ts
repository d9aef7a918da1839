import { writeAudit } from "@dangol/db/audit";
import type { Prisma, PrismaClient } from "@dangol/db/client";
import {
  bindQueryParameters,
  cronSchema,
  formatSeoulDate,
  type QueryParameter,
  type QueryParameterValues,
  queryParameterValuesSchema,
  type Role,
} from "@dangol/domain";
import { JOBS, type JobProducer, querySchedulerId } from "@dangol/jobs";
import { z } from "zod";
import { exportFileName, resultToCsv } from "./export.ts";
import type { ResultColumn } from "./index.ts";
import { sendResultMail } from "./mail.ts";
import { auditRun, createRun, executeQueryRun, type StoredRunParameters } from "./runs.ts";
import { loadVisibleQuery } from "./saved-queries.ts";
import {
  auditActor,
  parseId,
  parseInput,
  WorkbenchForbiddenError,
  WorkbenchInputError,
  WorkbenchNotFoundError,
  type WorkbenchUser,
} from "./service-errors.ts";

export const SCHEDULE_TIME_ZONE = "Asia/Seoul";

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "an e-mail address is not valid (e.g. name@dangol.co.kr)" }));

const scheduleFields = {
  cron: cronSchema,
  /** Overrides of the saved query's values; a date may be relative ("last_month_start"). */
  parameterValues: queryParameterValuesSchema,
  emailTo: z
    .array(emailSchema)
    .max(20, "at most 20 recipients")
    .transform((emails) => [...new Set(emails)]),
  active: z.boolean(),
};

const createSchema = z
  .object({
    cron: scheduleFields.cron,
    parameterValues: scheduleFields.parameterValues.default({}),
    emailTo: scheduleFields.emailTo.default([]),
    active: scheduleFields.active.default(true),
  })
  .strict();

const updateSchema = z
  .object({
    cron: scheduleFields.cron.optional(),
    parameterValues: scheduleFields.parameterValues.optional(),
    emailTo: scheduleFields.emailTo.optional(),
    active: scheduleFields.active.optional(),
  })
  .strict();

export type ScheduleInput = z.input<typeof createSchema>;
export type ScheduleUpdate = z.input<typeof updateSchema>;

export type QueryScheduleSummary = {
  id: string;
  queryId: string;
  cron: string;
  parameterValues: QueryParameterValues;
  emailTo: string[];
  active: boolean;
  createdByEmail: string;
  lastRunAt: Date | null;
  createdAt: Date;
};

const scheduleInclude = { createdBy: { select: { email: true } } } as const;
type ScheduleRow = Prisma.QueryScheduleGetPayload<{ include: typeof scheduleInclude }>;

function toSummary(row: ScheduleRow): QueryScheduleSummary {
  return {
    id: String(row.id),
    queryId: String(row.queryId),
    cron: row.cron,
    parameterValues: row.parameterValues as QueryParameterValues,
    emailTo: row.emailTo,
    active: row.active,
    createdByEmail: row.createdBy.email,
    lastRunAt: row.lastRunAt,
    createdAt: row.createdAt,
  };
}

/** The saved query's values under the schedule's own: what a scheduled run binds. */
function scheduledValues(
  query: { parameterValues: Prisma.JsonValue },
  schedule: { parameterValues: Prisma.JsonValue },
): QueryParameterValues {
  return {
    ...(query.parameterValues as QueryParameterValues),
    ...(schedule.parameterValues as QueryParameterValues),
  };
}

/** Refuses values that would not bind today (relative dates resolve, so they bind every day). */
function checkBinds(query: { sql: string; parameters: Prisma.JsonValue }, values: QueryParameterValues): void {
  try {
    bindQueryParameters(query.sql, query.parameters as unknown as QueryParameter[], values, {
      today: formatSeoulDate(new Date()),
    });
  } catch (error) {
    if (error instanceof Error && error.name === "QueryParameterError")
      throw new WorkbenchInputError(`parameterValues: ${error.message}`, "parameterValues");
    throw error;
  }
}

async function loadScheduleForEdit(db: Prisma.TransactionClient, scheduleId: string | bigint, user: WorkbenchUser) {
  const schedule = await db.querySchedule.findUnique({ where: { id: parseId(scheduleId, "schedule") } });
  if (!schedule) throw new WorkbenchNotFoundError("schedule");
  const query = await loadVisibleQuery(db, schedule.queryId, user).catch(() => {
    throw new WorkbenchNotFoundError("schedule");
  });
  checkEditable(query, user);
  return { schedule, query };
}

function checkEditable(query: { ownerId: string }, user: WorkbenchUser): void {
  if (query.ownerId !== user.id && user.role !== "ADMIN")
    throw new WorkbenchForbiddenError("Only the query's owner (or an admin) can schedule it.");
}

/** The job scheduler that fires this schedule, or none while it is paused. */
export async function syncJobScheduler(
  producer: JobProducer,
  schedule: { id: bigint; cron: string; active: boolean },
): Promise<void> {
  const queue = producer.queue("queries");
  const id = querySchedulerId(schedule.id);
  if (!schedule.active) {
    await queue.removeJobScheduler(id);
    return;
  }
  const { options } = JOBS["queries.scheduled"];
  await queue.upsertJobScheduler(
    id,
    { pattern: schedule.cron, tz: SCHEDULE_TIME_ZONE },
    {
      name: "queries.scheduled",
      data: { scheduleId: String(schedule.id) },
      opts: { attempts: options.attempts, backoff: options.backoff, removeOnComplete: 100, removeOnFail: 500 },
    },
  );
}

export async function createSchedule(
  prisma: PrismaClient,
  producer: JobProducer,
  queryId: string | bigint,
  user: WorkbenchUser,
  input: ScheduleInput,
): Promise<QueryScheduleSummary> {
  const data = parseInput(createSchema, input);
  const row = await prisma.$transaction(async (tx) => {
    const query = await loadVisibleQuery(tx, queryId, user);
    checkEditable(query, user);
    checkBinds(query, scheduledValues(query, data));
    const created = await tx.querySchedule.create({
      data: {
        queryId: query.id,
        cron: data.cron,
        parameterValues: data.parameterValues as Prisma.InputJsonValue,
        emailTo: data.emailTo,
        active: data.active,
        createdById: user.id,
      },
      include: scheduleInclude,
    });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "query.schedule.create",
      targetType: "query_schedule",
      targetId: String(created.id),
      details: { queryId: String(query.id), cron: data.cron, emailTo: data.emailTo, active: data.active },
    });
    return created;
  });
  await syncJobScheduler(producer, row);
  return toSummary(row);
}

export async function updateSchedule(
  prisma: PrismaClient,
  producer: JobProducer,
  scheduleId: string | bigint,
  user: WorkbenchUser,
  input: ScheduleUpdate,
): Promise<QueryScheduleSummary> {
  const patch = parseInput(updateSchema, input);
  const row = await prisma.$transaction(async (tx) => {
    const { schedule, query } = await loadScheduleForEdit(tx, scheduleId, user);
    if (patch.parameterValues) checkBinds(query, scheduledValues(query, { parameterValues: patch.parameterValues }));
    const updated = await tx.querySchedule.update({
      where: { id: schedule.id },
      data: {
        ...patch,
        ...(patch.parameterValues ? { parameterValues: patch.parameterValues as Prisma.InputJsonValue } : {}),
      },
      include: scheduleInclude,
    });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "query.schedule.update",
      targetType: "query_schedule",
      targetId: String(schedule.id),
      details: { queryId: String(query.id), ...patch } as Prisma.InputJsonValue,
    });
    return updated;
  });
  await syncJobScheduler(producer, row);
  return toSummary(row);
}

/** Stops the schedule; its snapshots (the runs it made) stay with the saved query. */
export async function deleteSchedule(
  prisma: PrismaClient,
  producer: JobProducer,
  scheduleId: string | bigint,
  user: WorkbenchUser,
): Promise<void> {
  const id = await prisma.$transaction(async (tx) => {
    const { schedule, query } = await loadScheduleForEdit(tx, scheduleId, user);
    await tx.querySchedule.delete({ where: { id: schedule.id } });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "query.schedule.delete",
      targetType: "query_schedule",
      targetId: String(schedule.id),
      details: { queryId: String(query.id), cron: schedule.cron },
    });
    return schedule.id;
  });
  await producer.queue("queries").removeJobScheduler(querySchedulerId(id));
}

export async function listSchedules(
  prisma: PrismaClient,
  queryId: string | bigint,
  user: WorkbenchUser,
): Promise<QueryScheduleSummary[]> {
  const query = await loadVisibleQuery(prisma, queryId, user);
  const rows = await prisma.querySchedule.findMany({
    where: { queryId: query.id },
    include: scheduleInclude,
    orderBy: { id: "asc" },
  });
  return rows.map(toSummary);
}

/**
 * The worker's boot: one job scheduler per active schedule of a live query, and none for
 * anything else (a schedule deleted while the worker or Redis was away).
 */
export async function syncQuerySchedules(
  prisma: PrismaClient,
  producer: JobProducer,
): Promise<{ active: number; removed: number }> {
  const schedules = await prisma.querySchedule.findMany({
    where: { active: true, query: { deletedAt: null } },
    select: { id: true, cron: true, active: true },
  });
  const wanted = new Set(schedules.map((schedule) => querySchedulerId(schedule.id)));
  for (const schedule of schedules) await syncJobScheduler(producer, schedule);
  const queue = producer.queue("queries");
  let removed = 0;
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (id.startsWith(querySchedulerId("")) && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed += 1;
    }
  }
  return { active: schedules.length, removed };
}

export type ScheduledRunOutcome =
  | { skipped: "missing" | "inactive" | "query_deleted" }
  | { runId: string; status: string; mailed: boolean };

/**
 * The worker's `queries.scheduled` body: a run of the saved query with the schedule's values
 * (relative dates resolved today, in Seoul), executed here, kept as the schedule's snapshot,
 * and mailed as CSV when the schedule has recipients and SMTP is configured. A retry of the same
 * job reuses the run it already stored, so a lost mail does not run the query twice.
 */
export async function runScheduledQuery(
  prisma: PrismaClient,
  scheduleId: string | bigint,
  options: {
    connectionString: string;
    jobId: string;
    mail: { smtpUrl?: string; from: string };
    now?: Date;
  },
): Promise<ScheduledRunOutcome> {
  const now = options.now ?? new Date();
  const schedule = await prisma.querySchedule.findUnique({
    where: { id: parseId(scheduleId, "schedule") },
    include: { query: true, createdBy: { select: { id: true, email: true, role: true } } },
  });
  if (!schedule) return { skipped: "missing" };
  if (!schedule.active) return { skipped: "inactive" };
  if (schedule.query.deletedAt !== null) return { skipped: "query_deleted" };
  const { query } = schedule;
  const run =
    (await prisma.queryRun.findFirst({ where: { scheduleId: schedule.id, jobId: options.jobId } })) ??
    (await prisma.$transaction(async (tx) => {
      const stored: StoredRunParameters = {
        parameters: query.parameters as unknown as QueryParameter[],
        values: scheduledValues(query, schedule),
        today: formatSeoulDate(now),
      };
      const created = await createRun(tx, {
        queryId: query.id,
        userId: null,
        scheduleId: schedule.id,
        trigger: "schedule",
        sql: query.sql,
        stored,
        jobId: options.jobId,
      });
      // On behalf of whoever set the schedule up: the audit trail names a person.
      await auditRun(tx, auditActor({ ...schedule.createdBy, role: schedule.createdBy.role as Role }), created, stored);
      return created;
    }));
  if (run.status === "QUEUED") await executeQueryRun(prisma, run.id, { connectionString: options.connectionString });
  await prisma.querySchedule.update({ where: { id: schedule.id }, data: { lastRunAt: now } });
  const finished = await prisma.queryRun.findUniqueOrThrow({ where: { id: run.id } });
  const mailed = schedule.emailTo.length > 0 && options.mail.smtpUrl !== undefined;
  if (mailed) {
    const date = formatSeoulDate(now);
    const result = {
      columns: (finished.columns ?? []) as unknown as ResultColumn[],
      rows: (finished.rows ?? []) as unknown[][],
    };
    await sendResultMail({
      smtpUrl: options.mail.smtpUrl as string,
      from: options.mail.from,
      to: schedule.emailTo,
      title: query.title,
      date,
      outcome:
        finished.status === "SUCCEEDED"
          ? {
              status: "SUCCEEDED",
              rowCount: finished.rowCount ?? 0,
              truncated: finished.truncated,
              rowCap: finished.rowCap,
              csv: resultToCsv(result),
              fileName: exportFileName(query.title, now, "csv"),
            }
          : { status: finished.status === "CANCELLED" ? "CANCELLED" : "FAILED", error: finished.error },
    });
  }
  return { runId: String(run.id), status: finished.status, mailed };
}
