"use server";

import { UserInputError } from "@dangol/db/users";
import { canAccess } from "@dangol/domain";
import { NOTE_MAX, RECORDABLE_TOUCHPOINT_KINDS, validateConfirmedContact } from "@dangol/domain/contacts";
import {
  confirmContactDetails,
  recordConsentChange,
  recordTouchpoint,
  type StoreActor,
  StoreContactError,
} from "@dangol/etl/identity";
import { revalidatePath } from "next/cache";
import type pg from "pg";
import { z } from "zod";
import { getDictionary } from "@/i18n/server";
import { dataPool } from "@/modules/data/db";
import { cardAccess } from "@/modules/lookup/gate";
import { type ActionResult, defineAction } from "@/server/action";
import type { ActionActor } from "@/server/action-core";

// "lookup" (STORE_STAFF, CRM_MANAGER, ADMIN): whoever may have the customer in front of them.
const AREA = "lookup" as const;

const customerId = z.string().regex(/^\d{1,18}$/);
// Only a path of this app: the form's hidden field must not become an open redirect or a revalidation of anything.
const returnTo = z
  .string()
  .regex(/^\/[A-Za-z0-9/_\-?=&%.]*$/)
  .refine((p) => !p.startsWith("//"))
  .default("/lookup");

const touchpointSchema = z.object({
  customerId,
  returnTo,
  kind: z.enum(RECORDABLE_TOUCHPOINT_KINDS),
  note: z.string().trim().max(NOTE_MAX).optional(),
});

const confirmSchema = z.object({
  customerId,
  returnTo,
  phone: z.string().max(40).optional(),
  email: z.string().max(254).optional(),
  zip: z.string().max(10).optional(),
  address: z.string().max(400).optional(),
});

const consentSchema = z.object({
  customerId,
  returnTo,
  channel: z.enum(["SMS", "EMAIL", "DM", "TM", "NIGHT"]),
  granted: z.enum(["true", "false"]).transform((v) => v === "true"),
});

function storeActor(actor: ActionActor): StoreActor {
  return { id: actor.id, email: actor.email, role: actor.role, storeId: actor.storeId };
}

/**
 * One write on its own pooled connection; a customer merged or erased meanwhile, or a load holding
 * it, is the reader's sentence. Store staff write only for a customer their own search showed them
 * recently and not while their lookups are locked — the same gate as opening the card, so the
 * forms are no way to act on customers by id. The CRM team (area "customers") sees everyone anyway.
 */
async function contactWrite<T>(
  actor: ActionActor,
  customerId: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  if (!canAccess(actor.role, "customers")) {
    const access = await cardAccess(actor, BigInt(customerId));
    if (access.kind !== "ok") {
      const errors = (await getDictionary()).t.contacts.errors;
      throw new UserInputError(access.kind === "locked" ? errors.locked : errors.notLookedUp);
    }
  }
  const client = await dataPool().connect();
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof StoreContactError) {
      const errors = (await getDictionary()).t.contacts.errors;
      throw new UserInputError(error.reason === "busy" ? errors.busy : errors.customerGone);
    }
    throw error;
  } finally {
    client.release();
  }
}

export const recordTouchpointAction = defineAction(
  { area: AREA, schema: touchpointSchema },
  async (input, { actor }) => {
    const result = await contactWrite(actor, input.customerId, (client) =>
      recordTouchpoint(client, {
        customerId: input.customerId,
        kind: input.kind,
        note: input.note || null,
        actor: storeActor(actor),
      }),
    );
    revalidatePath(input.returnTo.split("?")[0]!);
    return result;
  },
);

export const confirmContactAction = defineAction({ area: AREA, schema: confirmSchema }, async (input, { actor }) => {
  const checked = validateConfirmedContact(input);
  if (!checked.ok) {
    const errors = (await getDictionary()).t.contacts.errors;
    // Only the kinds these fields can raise have a sentence; any other would be a cleanser change.
    const message = (errors as Partial<Record<string, string>>)[checked.kind] ?? errors.nothing_confirmed;
    throw new UserInputError(message, checked.field);
  }
  const result = await contactWrite(actor, input.customerId, (client) =>
    confirmContactDetails(client, {
      customerId: input.customerId,
      contact: checked.value,
      fields: checked.fields,
      actor: storeActor(actor),
    }),
  );
  revalidatePath(input.returnTo.split("?")[0]!);
  return result;
});

export const recordConsentAction = defineAction({ area: AREA, schema: consentSchema }, async (input, { actor }) => {
  await contactWrite(actor, input.customerId, (client) =>
    recordConsentChange(client, {
      customerId: input.customerId,
      channel: input.channel,
      granted: input.granted,
      actor: storeActor(actor),
    }),
  );
  revalidatePath(input.returnTo.split("?")[0]!);
  return { channel: input.channel, granted: input.granted };
});

export type ContactState = ActionResult<unknown> | null;

/** The same actions in useActionState's (previous, form) shape: the forms post without JavaScript too. */
export async function recordTouchpointForm(_previous: ContactState, form: FormData): Promise<ContactState> {
  return recordTouchpointAction(form);
}

export async function confirmContactForm(_previous: ContactState, form: FormData): Promise<ContactState> {
  return confirmContactAction(form);
}

export async function recordConsentForm(_previous: ContactState, form: FormData): Promise<ContactState> {
  return recordConsentAction(form);
}
