"use client";

import { useActionState } from "react";
import { fill } from "@/i18n/dictionaries";
import { type RefreshState, requestRefreshForm } from "../actions.ts";

/** A plain form around the server action: it works before hydration too. */
export function RefreshButton({ label, queued }: { label: string; queued: string }) {
  const [state, formAction, pending] = useActionState<RefreshState, FormData>(requestRefreshForm, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2" data-testid="refresh-form">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {label}
      </button>
      {state?.ok ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {fill(queued, { id: state.data.runId })}
        </p>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
