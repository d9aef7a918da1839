"use server";

import { getPrisma } from "@dangol/db/client";
import { createUser, resetPassword, setUserActive, unlockUser } from "@dangol/db/users";
import { ROLES } from "@dangol/domain";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { unlockLookup } from "@/modules/lookup/gate";
import { defineAction } from "@/server/action";

const PATH = "/admin/users";
const userId = z.object({ userId: z.uuid() });

/** Shape checks only; the user service owns the real rules (policy, store existence, duplicates). */
export const createUserAction = defineAction(
  {
    area: "users",
    schema: z.object({
      email: z.string().trim().min(1),
      name: z.string().trim().optional(),
      role: z.enum(ROLES),
      store: z.string().trim().optional(),
      password: z.string().optional(),
    }),
  },
  async (input, { actor }) => {
    const { user, generatedPassword } = await createUser(getPrisma(), input, actor);
    revalidatePath(PATH);
    return { email: user.email, generatedPassword: generatedPassword ?? null };
  },
);

export const setUserActiveAction = defineAction(
  { area: "users", schema: userId.extend({ active: z.enum(["true", "false"]).transform((v) => v === "true") }) },
  async ({ userId, active }, { actor }) => {
    const user = await setUserActive(getPrisma(), userId, active, actor);
    revalidatePath(PATH);
    return { email: user.email, active: user.active };
  },
);

export const resetPasswordAction = defineAction({ area: "users", schema: userId }, async ({ userId }, { actor }) => {
  const { user, generatedPassword } = await resetPassword(getPrisma(), userId, actor);
  revalidatePath(PATH);
  return { email: user.email, generatedPassword: generatedPassword ?? null };
});

export const unlockUserAction = defineAction({ area: "users", schema: userId }, async ({ userId }, { actor }) => {
  const user = await unlockUser(getPrisma(), userId, actor);
  revalidatePath(PATH);
  return { email: user.email };
});

/** Ends a store account's lookup lock (after the rate limit) before its 15 minutes are up. */
export const unlockLookupAction = defineAction({ area: "users", schema: userId }, async ({ userId }, { actor }) => {
  const user = await unlockLookup(userId, actor);
  revalidatePath(PATH);
  return { email: user.email };
});

/** The alert's plain-form button: works without JavaScript; the page re-renders with the new state. */
export async function unlockLookupFormAction(form: FormData): Promise<void> {
  await unlockLookupAction(form);
}
