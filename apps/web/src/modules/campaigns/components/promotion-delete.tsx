"use client";

import { useActionState } from "react";
import { deletePromotionForm, type PromotionDeleteState } from "../plan-actions.ts";

/** The delete button of one promotion; asks first when JavaScript runs. */
export function PromotionDelete({ id, label, confirm }: { id: string; label: string; confirm: string }) {
  const [state, formAction, pending] = useActionState<PromotionDeleteState, FormData>(deletePromotionForm, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }}
      className="inline"
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="text-sm text-red-700 underline disabled:opacity-60">
        {label}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-xs text-red-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
