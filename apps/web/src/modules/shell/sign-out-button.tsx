"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton({ label }: { label: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // next-auth would redirect to its configured base URL; going by path keeps us on this host.
        await signOut({ redirect: false });
        window.location.assign("/signin");
      }}
      className="rounded border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50"
    >
      {label}
    </button>
  );
}
