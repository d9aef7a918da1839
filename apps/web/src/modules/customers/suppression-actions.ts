"use server";

import { addSuppression, removeSuppression, SuppressionError } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { UserInputError } from "@dangol/db/users";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDictionary } from "@/i18n/server";
import type { ContactState } from "@/modules/contacts/actions";
import { defineAction } from "@/server/action";

// "customers": ADMIN and CRM_MANAGER only, checked by defineAction on the server.
const AREA = "customers" as const;
const customerId = z.string().regex(/^\d{1,18}$/);

const addSchema = z.object({
  customerId,
  // "ALL" = every channel (stored as a null channel)
  channel: z.enum(["ALL", "SMS", "EMAIL", "DM", "TM"]),
  reason: z.string().trim().min(1).max(200),
});
const removeSchema = z.object({ customerId, id: z.string().regex(/^\d{1,18}$/) });

async function refused(error: unknown): Promise<never> {
  if (error instanceof SuppressionError) {
    const messages = (await getDictionary()).t.campaignConsent.errors;
    throw new UserInputError(messages[error.kind]);
  }
  throw error;
}

export const addSuppressionAction = defineAction({ area: AREA, schema: addSchema }, async (input, { actor }) => {
  const row = await addSuppression(getPrisma(), {
    customerId: BigInt(input.customerId),
    channel: input.channel === "ALL" ? null : input.channel,
    reason: input.reason,
    source: "crm",
    actor,
  }).catch(refused);
  revalidatePath(`/customers/${input.customerId}`);
  return { id: row.id.toString() };
});

export const removeSuppressionAction = defineAction({ area: AREA, schema: removeSchema }, async (input, { actor }) => {
  await removeSuppression(getPrisma(), {
    id: BigInt(input.id),
    customerId: BigInt(input.customerId),
    actor,
  }).catch(refused);
  revalidatePath(`/customers/${input.customerId}`);
  return { id: input.id };
});

export async function addSuppressionForm(_previous: ContactState, form: FormData): Promise<ContactState> {
  return addSuppressionAction(form);
}

export async function removeSuppressionForm(_previous: ContactState, form: FormData): Promise<ContactState> {
  return removeSuppressionAction(form);
}
