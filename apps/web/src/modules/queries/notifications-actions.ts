"use server";

import { getPrisma } from "@dangol/db/client";
import { markRunsSeen } from "@dangol/workbench/services";
import { z } from "zod";
import { defineAction } from "@/server/action";
import { runNotifications } from "./notifications-queries.ts";

/** The shell polls this (and asks again on every navigation) while the app is open. */
export const loadRunNotificationsAction = defineAction(
  { area: "queries", schema: z.object({}).strict() },
  async (_input, { actor }) => runNotifications(actor.id),
);

/** Opening the list clears exactly the runs it showed; a run finishing meanwhile stays new. */
export const markRunsSeenAction = defineAction(
  {
    area: "queries",
    schema: z.object({
      runIds: z
        .array(z.string().regex(/^\d{1,18}$/, "a run id is a number"))
        .min(1)
        .max(100),
    }),
  },
  async ({ runIds }, { actor }) => ({ seen: await markRunsSeen(getPrisma(), actor.id, runIds) }),
);
