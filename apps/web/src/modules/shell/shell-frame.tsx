import { areasFor, homeAreaFor, type Locale } from "@dangol/domain";
import Link from "next/link";
import type { Session } from "next-auth";
import type { ReactNode } from "react";
import type { Dictionary } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { AREA_PATHS } from "@/server/areas";
import { getSession } from "@/server/auth";
import { LanguageSwitch } from "./language-switch.tsx";
import { NavLinks } from "./nav-links.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

/** What a shell adds to the frame: beside the user in the header, and once on the page. */
export type ShellExtras = { header?: ReactNode; page?: ReactNode };
export type ShellExtrasFor = (user: Session["user"], locale: Locale, t: Dictionary) => Promise<ShellExtras>;

/**
 * The signed-in frame: header (user, language, sign-out) and the navigation, which shows only the
 * areas the role may open; each page still guards itself. A shell passes its `extras` from its
 * own module, so their client code ships only with the screens whose shell imports them.
 */
export async function ShellFrame({ children, extras }: { children: ReactNode; extras?: ShellExtrasFor }) {
  const session = await getSession();
  // Without a session the page's own requireRole redirects, and it knows the path to come back to.
  if (!session) return children;
  const { locale, t } = await getDictionary();
  const { user } = session;
  const items = areasFor(user.role).map((area) => ({ href: AREA_PATHS[area], label: t.nav[area] }));
  const added = extras ? await extras(user, locale, t) : {};

  return (
    <div className="min-h-dvh bg-slate-50 text-slate-900">
      {added.page}
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href={AREA_PATHS[homeAreaFor(user.role)]} className="text-lg font-bold text-slate-900">
            {t.appName}
          </Link>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span data-testid="current-user" className="text-slate-600">
              <span className="font-medium text-slate-900">{user.name}</span> · {t.roles[user.role]}
              {user.storeLabel ? ` · ${user.storeLabel}` : ""}
            </span>
            {added.header}
            <LanguageSwitch locale={locale} t={t} />
            <SignOutButton label={t.shell.signOut} />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-4 md:flex-row md:gap-8">
        <aside className="md:w-48 md:shrink-0">
          <NavLinks items={items} label={t.shell.menu} />
        </aside>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
