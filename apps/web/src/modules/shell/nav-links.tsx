"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ items, label }: { items: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} data-testid="main-nav" className="-mx-1 flex gap-1 overflow-x-auto md:mx-0 md:flex-col">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={
              active
                ? "whitespace-nowrap rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white"
                : "whitespace-nowrap rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-200"
            }
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
