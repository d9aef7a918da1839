import { canAccess } from "@dangol/domain";
import type { ReactNode } from "react";
import { NotificationsMenu } from "@/modules/queries/notifications-menu";
import { runNotifications } from "@/modules/queries/notifications-queries";
import { PageViewReporter } from "./page-view-reporter.tsx";
import { type ShellExtrasFor, ShellFrame } from "./shell-frame.tsx";

/** The CRM screens' shell: the frame, the browser's screen-usage reporter and the workbench's notifications. */
export function AppShell({ children }: { children: ReactNode }) {
  return <ShellFrame extras={crmExtras}>{children}</ShellFrame>;
}

const crmExtras: ShellExtrasFor = async (user, locale, t) => {
  // Finished query runs the reader has not looked at, for the workbench's roles only.
  const notifications = canAccess(user.role, "queries") ? await runNotifications(user.id) : null;
  return {
    page: <PageViewReporter />,
    header: notifications ? (
      <NotificationsMenu
        initial={notifications}
        words={t.workbench.browse.notifications}
        statusWords={t.workbench.editor.status}
        locale={locale}
      />
    ) : null,
  };
};
