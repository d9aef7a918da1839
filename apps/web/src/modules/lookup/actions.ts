"use server";

import { writeAudit } from "@dangol/db/audit";
import { getPrisma } from "@dangol/db/client";
import { revealRequestSchema } from "@dangol/domain/lookup";
import { redirect } from "next/navigation";
import { defineAction } from "@/server/action";
import { cardAccess } from "./gate.ts";

/** Thrown for a refusal the person can act on; the action helper turns it into a message. */
class UserInputError extends Error {
  override name = "UserInputError";
}

/**
 * Reveals one field of one customer to the user for a few minutes: audited as customer.reveal
 * with the field and the reason (the store is on the row). Only for a customer the user looked up
 * and while their lookups are not locked.
 */
export const revealAction = defineAction({ area: "lookup", schema: revealRequestSchema }, async (input, { actor }) => {
  const customerId = BigInt(input.customerId);
  const access = await cardAccess(actor, customerId);
  if (access.kind === "locked") throw new UserInputError("locked");
  if (access.kind === "notLookedUp") throw new UserInputError("notLookedUp");
  await writeAudit(getPrisma(), {
    actor,
    action: "customer.reveal",
    targetType: "customer",
    targetId: input.customerId,
    details: { field: input.field, reason: input.reason, ...(input.note ? { note: input.note } : {}) },
  });
  return { field: input.field };
});

/**
 * The reveal form's action: a plain POST that works before any JavaScript has loaded, then back
 * to the card (which shows what the audit log says was revealed), with the error if refused.
 */
export async function revealFormAction(form: FormData): Promise<void> {
  const result = await revealAction(form);
  const id = String(form.get("customerId") ?? "").replace(/\D/g, "");
  if (!id) redirect("/lookup");
  if (result.ok) redirect(`/lookup/${id}`);
  redirect(`/lookup/${id}?error=${result.error === "invalid" ? "reveal" : result.error}`);
}
