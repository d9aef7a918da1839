import { homeAreaFor } from "@dangol/domain";
import { redirect } from "next/navigation";
import { getDictionary } from "@/i18n/server";
import { LanguageSwitch } from "@/modules/shell/language-switch";
import { AREA_PATHS } from "@/server/areas";
import { getSession } from "@/server/auth";
import { SignInForm } from "./sign-in-form.tsx";

/** Only same-site paths: `next=https://evil.example` must not turn sign-in into an open redirect. */
function safeNext(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const session = await getSession();
  if (session) redirect(AREA_PATHS[homeAreaFor(session.user.role)]);
  const { locale, t } = await getDictionary();
  const { next } = await searchParams;

  return (
    <main className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 py-8">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-6 flex items-start justify-between gap-2">
          <div>
            <p className="text-sm font-semibold text-slate-500">{t.appName}</p>
            <h1 className="text-2xl font-bold">{t.signIn.title}</h1>
            <p className="mt-1 text-sm text-slate-600">{t.signIn.subtitle}</p>
          </div>
        </div>
        <SignInForm labels={t.signIn} next={safeNext(next)} />
        <div className="mt-6 flex justify-center">
          <LanguageSwitch locale={locale} t={t} />
        </div>
      </div>
    </main>
  );
}
