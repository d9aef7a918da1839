import { LOCALES, type Locale } from "@dangol/domain";
import type { Dictionary } from "@/i18n/dictionaries";
import { setLanguage } from "./actions.ts";

/** A plain form per language, so switching works even before the page's JS has loaded. */
export function LanguageSwitch({ locale, t }: { locale: Locale; t: Dictionary }) {
  return (
    <form action={setLanguage} className="flex items-center gap-1 text-sm" aria-label={t.shell.language}>
      {LOCALES.map((lang) => (
        <button
          key={lang}
          type="submit"
          name="lang"
          value={lang}
          lang={lang}
          aria-pressed={lang === locale}
          className={
            lang === locale
              ? "rounded px-2 py-1 font-semibold text-slate-900 underline underline-offset-4"
              : "rounded px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          }
        >
          {t.languages[lang]}
        </button>
      ))}
    </form>
  );
}
