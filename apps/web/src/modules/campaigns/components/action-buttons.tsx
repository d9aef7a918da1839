"use client";

import { useActionState } from "react";
import { fill } from "@/i18n/dictionaries";
import { ActionOutcome } from "@/modules/shell/action-outcome";
import { campaignStepAction } from "../actions.ts";
import type { CampaignsWords } from "../i18n.ts";

type StepResult = Awaited<ReturnType<typeof campaignStepAction>>;

/**
 * The life-cycle buttons the signed-in user may press now (getCampaign().actions); one form, the
 * pressed button's value is the action. Works without JavaScript too (a plain form post). The
 * server checks the role and the state again, and a refusal's sentence shows beside the buttons.
 */
export function ActionButtons({ id, actions, w }: { id: string; actions: string[]; w: CampaignsWords }) {
  const [state, formAction, pending] = useActionState<StepResult | null, FormData>(campaignStepAction, null);
  if (actions.length === 0) return <p className="text-sm text-slate-500">{w.detail.noActions}</p>;
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid="campaign-actions">
      <input type="hidden" name="id" value={id} />
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <button
            key={action}
            type="submit"
            name="action"
            value={action}
            disabled={pending}
            onClick={(event) => {
              if (action === "cancel" && !window.confirm(w.detail.confirmCancel)) event.preventDefault();
            }}
            className={`min-h-10 rounded-md px-3 text-sm disabled:opacity-60 ${
              action === "cancel"
                ? "border border-red-300 bg-white text-red-800"
                : action === "start" || action === "approve"
                  ? "bg-slate-900 font-medium text-white"
                  : "border border-slate-300 bg-white"
            }`}
          >
            {w.detail.actions[action] ?? action}
          </button>
        ))}
      </div>
      <ActionOutcome
        state={state}
        done={state?.ok ? fill(w.detail.done, { state: w.states[state.data.state] ?? state.data.state }) : null}
      />
    </form>
  );
}
