"use server";

import { getPrisma } from "@dangol/db/client";
import { UserInputError } from "@dangol/db/users";
import type { QueryParameterError } from "@dangol/domain";
import { getSavedQuery, requestQueryRun } from "@dangol/workbench/services";
import { z } from "zod";
import { getDictionary } from "@/i18n/server";
import { defineAction } from "@/server/action";
import { jobProducer } from "@/server/jobs";
import { forAction } from "./editor/service-errors.ts";

/**
 * A tile's Rerun: the saved query as saved (SQL, parameters and their saved values; a relative
 * date resolves today). A saved value that no longer binds is the tile's message, not a crash.
 */
export const rerunPinnedAction = defineAction(
  { area: "queries", schema: z.object({ queryId: z.string().regex(/^\d{1,18}$/, "id is a number") }) },
  async ({ queryId }, { actor }) => {
    const prisma = getPrisma();
    return forAction(async () => {
      const saved = await getSavedQuery(prisma, queryId, actor);
      try {
        return await requestQueryRun(prisma, jobProducer(), {
          user: actor,
          queryId,
          sql: saved.sql,
          parameters: saved.parameters,
          parameterValues: saved.parameterValues,
          trigger: "web",
        });
      } catch (error) {
        if (!(error instanceof Error) || error.name !== "QueryParameterError") throw error;
        const { code, parameter } = error as QueryParameterError;
        const words = (await getDictionary()).t.workbench.editor.parameters.errors;
        throw new UserInputError(words[code].replace("{name}", parameter ?? ""));
      }
    });
  },
);
