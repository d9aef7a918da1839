import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getLocale } from "@/i18n/server";
import "./globals.css";

export const metadata: Metadata = { title: "Dangol CRM" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await getLocale()}>
      <body className="antialiased">{children}</body>
    </html>
  );
}
