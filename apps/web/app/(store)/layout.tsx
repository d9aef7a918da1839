import type { ReactNode } from "react";
import { StoreShell } from "@/modules/shell/store-shell";

export default function StoreLayout({ children }: { children: ReactNode }) {
  return <StoreShell>{children}</StoreShell>;
}
