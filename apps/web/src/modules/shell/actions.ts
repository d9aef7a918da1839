"use server";

import { LOCALES } from "@dangol/domain";
import { cookies } from "next/headers";
import { z } from "zod";
import { LANG_COOKIE } from "@/i18n/server";

const languageSchema = z.object({ lang: z.enum(LOCALES) });

/**
 * Outside defineAction on purpose: it belongs to no area, must work on the sign-in page before
 * anyone is signed in, and only touches the reader's own cookie.
 */
export async function setLanguage(form: FormData): Promise<void> {
  const parsed = languageSchema.safeParse({ lang: form.get("lang") });
  if (!parsed.success) return;
  (await cookies()).set(LANG_COOKIE, parsed.data.lang, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: true,
  });
}
