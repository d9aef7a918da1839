import { DEFAULT_LOCALE, isLocale, type Locale } from "@dangol/domain";
import { cookies } from "next/headers";
import { cache } from "react";
import { getSession } from "@/server/auth";
import { type Dictionary, dictionaries } from "./dictionaries.ts";

export const LANG_COOKIE = "lang";

/** The `lang` cookie wins (it is what the switch sets), then the user's saved locale, then Korean. */
export const getLocale = cache(async (): Promise<Locale> => {
  const fromCookie = (await cookies()).get(LANG_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const fromUser = (await getSession())?.user.locale;
  return isLocale(fromUser) ? fromUser : DEFAULT_LOCALE;
});

export async function getDictionary(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await getLocale();
  return { locale, t: dictionaries[locale] };
}
