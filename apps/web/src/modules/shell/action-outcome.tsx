import type { ReactNode } from "react";
import type { ActionResult } from "@/server/action";

/** What a form's server action answered, beside its button: a status when done, the refusal's sentence otherwise. */
export function ActionOutcome({ state, done }: { state: ActionResult<unknown> | null; done: ReactNode }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="text-sm text-green-800">
      {done}
    </p>
  ) : (
    <p role="alert" className="text-sm text-red-800">
      {state.message}
    </p>
  );
}
