import type { ReactNode } from "react";
import { AppShell } from "@/modules/shell/app-shell";

/**
 * The store screens: the same shell without the browser's screen-usage reporter, which would be
 * the page's largest script of its own on a weak store PC. Their pages record their views on the
 * server instead (recordServerPageView), which also counts visits made without JavaScript.
 */
export default function StoreLayout({ children }: { children: ReactNode }) {
  return <AppShell usageReporter={false}>{children}</AppShell>;
}
