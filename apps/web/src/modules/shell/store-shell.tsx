import type { ReactNode } from "react";
import { ShellFrame } from "./shell-frame.tsx";

/**
 * The store screens' shell: the frame alone. This module imports no client code of its own, so the
 * store pages do not ship the CRM shell's reporter and notifications (bench lookup's JS budget);
 * their pages record their views on the server (recordServerPageView).
 */
export function StoreShell({ children }: { children: ReactNode }) {
  return <ShellFrame>{children}</ShellFrame>;
}
