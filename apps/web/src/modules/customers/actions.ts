"use server";

import { UserInputError } from "@dangol/db/users";
import { ADJUSTMENT_MAX_POINTS, ADJUSTMENT_REASON_MAX } from "@dangol/domain/contacts";
import { adjustPoints, PointsAdjustmentError } from "@dangol/etl/points";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDictionary } from "@/i18n/server";
import type { ContactState } from "@/modules/contacts/actions";
import { inTransaction } from "@/modules/data/db";
import { defineAction } from "@/server/action";

const adjustSchema = z.object({
  customerId: z.string().regex(/^\d{1,18}$/),
  points: z.coerce.number().int().min(-ADJUSTMENT_MAX_POINTS).max(ADJUSTMENT_MAX_POINTS),
  reason: z.string().trim().min(1).max(ADJUSTMENT_REASON_MAX),
});

/** A manual points adjustment (CRM team only: area "customers"); the rules are checkPointsAdjustment's. */
export const adjustPointsAction = defineAction(
  { area: "customers", schema: adjustSchema },
  async ({ customerId, points, reason }, { actor }) => {
    try {
      const result = await inTransaction((client) =>
        adjustPoints(client, { customerId, points, reason, actor: { ...actor } }),
      );
      revalidatePath(`/customers/${customerId}`);
      return result;
    } catch (error) {
      if (!(error instanceof PointsAdjustmentError)) throw error;
      const messages = (await getDictionary()).t.customer.adjustErrors;
      throw new UserInputError(messages[error.code], error.code === "reason_short" ? "reason" : "points");
    }
  },
);

export async function adjustPointsForm(_previous: ContactState, form: FormData): Promise<ContactState> {
  return adjustPointsAction(form);
}
