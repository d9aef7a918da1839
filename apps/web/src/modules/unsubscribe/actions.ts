"use server";

import { unsubscribe } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { redirect } from "next/navigation";
import { z } from "zod";

// The token is the only credential: it is checked (HMAC) by unsubscribe() before anything is read.
const tokenSchema = z.string().regex(/^\d{1,18}\.[A-Za-z0-9_-]{43}$/);

/**
 * The public unsubscribe form's action (no session: the signed link is the authority). Posts
 * without JavaScript; answers by redirecting back to the page with what happened.
 */
export async function unsubscribeAction(form: FormData): Promise<void> {
  const token = tokenSchema.safeParse(form.get("token"));
  // A bad token goes back to the page, which says the link is not valid.
  if (!token.success) redirect("/u/invalid");
  const outcome = await unsubscribe(getPrisma(), token.data);
  redirect(outcome === null ? `/u/${token.data}` : `/u/${token.data}?r=${outcome}`);
}
