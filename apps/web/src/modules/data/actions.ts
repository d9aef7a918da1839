"use server";

import { UserInputError } from "@dangol/db/users";
import { IdentityActionError, resolveIdentityReview, unmergeCustomers } from "@dangol/etl/identity";
import { revalidatePath } from "next/cache";
import type pg from "pg";
import { z } from "zod";
import { getDictionary } from "@/i18n/server";
import { type ActionResult, defineAction } from "@/server/action";
import { dataPool } from "./db.ts";

const idSchema = z.string().regex(/^\d{1,18}$/);

/**
 * Runs one identity action on its own pooled connection (the identity functions open their own
 * transaction and write the audit row in it). A refusal they raise — already decided, customers
 * changed meanwhile, a CI conflict, a later merge on top — becomes the reader's sentence.
 */
async function identityAction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await dataPool().connect();
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof IdentityActionError) {
      const messages = (await getDictionary()).t.data.identityErrors;
      throw new UserInputError(`${messages[error.code] ?? messages.other} (${error.message})`);
    }
    throw error;
  } finally {
    client.release();
  }
}

/** Merge / keep apart on a held identity match (the buttons of the review queue). */
export const resolveReviewAction = defineAction(
  { area: "data", schema: z.object({ reviewId: idSchema, decision: z.enum(["merge", "keep_apart"]) }) },
  async ({ reviewId, decision }, { actor }) => {
    const result = await identityAction((client) =>
      resolveIdentityReview(client, { reviewId, decision, actor: actor.email }),
    );
    revalidatePath("/data");
    return { status: result.status, mergeId: result.mergeId ?? null };
  },
);

/** Undo a merge from its snapshot (the "unmerge" button of the recent merges). */
export const unmergeAction = defineAction(
  { area: "data", schema: z.object({ mergeId: idSchema }) },
  async ({ mergeId }, { actor }) => {
    const result = await identityAction((client) => unmergeCustomers(client, { mergeId, actor: actor.email }));
    revalidatePath("/data");
    return { restoredCustomerId: result.restoredCustomerId };
  },
);

export type ReviewState = ActionResult<{ status: "MERGED" | "REJECTED"; mergeId: string | null }> | null;
export type UnmergeState = ActionResult<{ restoredCustomerId: string }> | null;

/** The same actions in useActionState's (previous, form) shape, so the buttons post without JS too. */
export async function resolveReviewForm(_previous: ReviewState, form: FormData): Promise<ReviewState> {
  return resolveReviewAction(form);
}

export async function unmergeForm(_previous: UnmergeState, form: FormData): Promise<UnmergeState> {
  return unmergeAction(form);
}
