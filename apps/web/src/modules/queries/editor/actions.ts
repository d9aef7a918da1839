"use server";

import { getPrisma } from "@dangol/db/client";
import {
  chartSpecSchema,
  type QueryParameterError,
  queryParameterSchema,
  queryParameterValuesSchema,
  schedulePresetSchema,
  schedulePresetToCron,
} from "@dangol/domain";
import {
  cancelQueryRun,
  createSchedule,
  deleteSchedule,
  duplicateQuery,
  getSavedQuery,
  pinQuery,
  requestQueryRun,
  saveQuery,
  unpinQuery,
  updateQuery,
} from "@dangol/workbench/services";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, defineAction } from "@/server/action";
import { jobProducer } from "@/server/jobs";
import { forAction } from "./service-errors.ts";

const idSchema = z.string().regex(/^\d{1,18}$/, "id is a number");

/** Definitions and values as the editor holds them; the services check them again in full. */
const parametersInput = {
  parameters: z.array(queryParameterSchema).max(50, "at most 50 parameters"),
  parameterValues: queryParameterValuesSchema,
};

export type RunRequestResult =
  | { runId: string }
  | { parameterError: { code: QueryParameterError["code"]; parameter: string | null } };

function asParameterError(error: unknown): QueryParameterError | null {
  return error instanceof Error && error.name === "QueryParameterError" ? (error as QueryParameterError) : null;
}

/**
 * Run button / Ctrl+Enter. A bad parameter value comes back as data (the panel shows it beside
 * the field) rather than as a failed action. A saved query someone may see but not edit runs
 * with its saved SQL whatever the page posted: a viewer varies the values, not the statement.
 */
export const runQueryAction = defineAction(
  {
    area: "queries",
    schema: z.object({ queryId: idSchema.optional(), sql: z.string().max(100_000), ...parametersInput }),
  },
  async (input, { actor }): Promise<RunRequestResult> => {
    const prisma = getPrisma();
    return forAction(async () => {
      let sql = input.sql;
      let parameters = input.parameters;
      if (input.queryId) {
        const saved = await getSavedQuery(prisma, input.queryId, actor);
        if (!saved.canEdit) {
          sql = saved.sql;
          parameters = saved.parameters;
        }
      }
      try {
        return await requestQueryRun(prisma, jobProducer(), {
          user: actor,
          ...(input.queryId ? { queryId: input.queryId } : {}),
          sql,
          parameters,
          parameterValues: input.parameterValues,
          trigger: "web",
        });
      } catch (error) {
        const parameterError = asParameterError(error);
        if (!parameterError) throw error;
        return { parameterError: { code: parameterError.code, parameter: parameterError.parameter ?? null } };
      }
    });
  },
);

/** The Cancel button beside a running query. */
export const cancelRunAction = defineAction(
  { area: "queries", schema: z.object({ runId: idSchema }) },
  async ({ runId }, { actor }) => {
    await forAction(() => cancelQueryRun(getPrisma(), runId, actor, { producer: jobProducer() }));
    return { runId };
  },
);

const tagsSchema = z
  .string()
  .max(400)
  .transform((text) =>
    text
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  );

/** Save: a new query, or a new version of this one (the services record which fields changed). */
export const saveQueryAction = defineAction(
  {
    area: "queries",
    schema: z.object({
      id: idSchema.optional(),
      expectedVersion: z.number().int().positive().optional(),
      title: z.string().max(200),
      description: z.string().max(2_000).default(""),
      tags: tagsSchema.default([]),
      visibility: z.enum(["PRIVATE", "SHARED"]),
      sql: z.string().max(100_000),
      ...parametersInput,
      chart: chartSpecSchema.nullable(),
    }),
  },
  async ({ id, expectedVersion, ...content }, { actor }) => {
    const prisma = getPrisma();
    const saved = await forAction(async () =>
      id
        ? (await updateQuery(prisma, id, actor, { ...content, ...(expectedVersion ? { expectedVersion } : {}) })).query
        : await saveQuery(prisma, actor, content),
    );
    revalidatePath(`/queries/${saved.id}`);
    revalidatePath("/queries");
    return { id: saved.id, version: saved.version };
  },
);

/** Duplicate: a private copy owned by the caller, opened at once. */
export const duplicateQueryAction = defineAction(
  { area: "queries", schema: z.object({ id: idSchema }) },
  async ({ id }, { actor }) => {
    const copy = await forAction(() => duplicateQuery(getPrisma(), id, actor));
    revalidatePath("/queries");
    return { id: copy.id };
  },
);

export type DuplicateState = ActionResult<{ id: string }> | null;

/** The duplicate button's form: on success the browser lands on the copy. */
export async function duplicateQueryForm(_previous: DuplicateState, form: FormData): Promise<DuplicateState> {
  const result = await duplicateQueryAction(form);
  if (result.ok) redirect(`/queries/${result.data.id}`);
  return result;
}

/** Pin to / unpin from the caller's own dashboard. */
export const pinQueryAction = defineAction(
  { area: "queries", schema: z.object({ id: idSchema, pinned: z.enum(["true", "false"]) }) },
  async ({ id, pinned }, { actor }) => {
    const prisma = getPrisma();
    await forAction(() => (pinned === "true" ? pinQuery(prisma, id, actor) : unpinQuery(prisma, id, actor)));
    revalidatePath(`/queries/${id}`);
    revalidatePath("/queries/dashboard");
    return { pinned: pinned === "true" };
  },
);

export type PinState = ActionResult<{ pinned: boolean }> | null;

export async function pinQueryForm(_previous: PinState, form: FormData): Promise<PinState> {
  return pinQueryAction(form);
}

const emailListSchema = z
  .string()
  .max(2_000)
  .transform((text) =>
    text
      .split(/[,\s]+/)
      .map((email) => email.trim())
      .filter(Boolean),
  );

/** A schedule from the form's preset (or a cron expression), run with the saved values. */
export const createScheduleAction = defineAction(
  {
    area: "queries",
    schema: z.object({
      queryId: idSchema,
      preset: schedulePresetSchema,
      emailTo: emailListSchema.default([]),
    }),
  },
  async ({ queryId, preset, emailTo }, { actor }) => {
    const schedule = await forAction(() =>
      createSchedule(getPrisma(), jobProducer(), queryId, actor, { cron: schedulePresetToCron(preset), emailTo }),
    );
    revalidatePath(`/queries/${queryId}`);
    return { id: schedule.id };
  },
);

export type ScheduleState = ActionResult<{ id: string }> | null;

export const deleteScheduleAction = defineAction(
  { area: "queries", schema: z.object({ queryId: idSchema, scheduleId: idSchema }) },
  async ({ queryId, scheduleId }, { actor }) => {
    await forAction(() => deleteSchedule(getPrisma(), jobProducer(), scheduleId, actor));
    revalidatePath(`/queries/${queryId}`);
    return { id: scheduleId };
  },
);

export async function deleteScheduleForm(_previous: ScheduleState, form: FormData): Promise<ScheduleState> {
  return deleteScheduleAction(form);
}
