import { areasFor, canAccess, homeAreaFor } from "@dangol/domain";
import Link from "next/link";
import type { ReactNode } from "react";
import { getDictionary } from "@/i18n/server";
import { NotificationsMenu } from "@/modules/queries/notifications-menu";
import { runNotifications } from "@/modules/queries/notifications-queries";
import { AREA_PATHS } from "@/server/areas";
import { getSession } from "@/server/auth";
import { LanguageSwitch } from "./language-switch.tsx";
import { NavLinks } from "./nav-links.tsx";
import { PageViewReporter } from "./page-view-reporter.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

/**
 * Navigation shows only the areas the role may open; each page still guards itself.
 * `usageReporter`: the browser reports screen usage (off for the store screens, which record theirs on the server).
 */
export async function AppShell({ children, usageReporter = true }: { children: ReactNode; usageReporter?: boolean }) {
  const session = await getSession();
  // Without a session the page's own requireRole redirects, and it knows the path to come back to.
  if (!session) return children;
  const { locale, t } = await getDictionary();
  const { user } = session;
  const items = areasFor(user.role).map((area) => ({ href: AREA_PATHS[area], label: t.nav[area] }));
  // Finished query runs the reader has not looked at, for the workbench's roles only.
  const notifications = canAccess(user.role, "queries") ? await runNotifications(user.id) : null;

  return (
    <div className="min-h-dvh bg-slate-50 text-slate-900">
      {usageReporter ? <PageViewReporter /> : null}
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
            {notifications ? (
              <NotificationsMenu
                initial={notifications}
                words={t.workbench.browse.notifications}
                statusWords={t.workbench.editor.status}
                locale={locale}
              />
            ) : null}
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
