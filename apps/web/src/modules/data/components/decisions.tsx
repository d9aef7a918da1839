"use client";

import { useActionState } from "react";
import { ActionOutcome } from "@/modules/shell/action-outcome";
import { type ReviewState, resolveReviewForm, type UnmergeState, unmergeForm } from "../actions.ts";

const button =
  "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 border border-slate-300 bg-white hover:bg-slate-50";

/** Merge / keep apart: one form, the pressed button's value is the decision. */
export function ReviewDecisions({
  reviewId,
  labels,
}: {
  reviewId: string;
  labels: { merge: string; keepApart: string; merged: string; keptApart: string };
}) {
  const [state, formAction, pending] = useActionState<ReviewState, FormData>(resolveReviewForm, null);
  return (
    <form action={formAction} className="mt-2 flex flex-wrap items-center gap-2" data-testid="review-decision">
      <input type="hidden" name="reviewId" value={reviewId} />
      <button
        type="submit"
        name="decision"
        value="merge"
        disabled={pending}
        className={`${button} border-slate-900 bg-slate-900 text-white hover:bg-slate-700`}
      >
        {labels.merge}
      </button>
      <button type="submit" name="decision" value="keep_apart" disabled={pending} className={button}>
        {labels.keepApart}
      </button>
      <ActionOutcome
        state={state}
        done={state?.ok && state.data.status === "MERGED" ? labels.merged : labels.keptApart}
      />
    </form>
  );
}

export function UnmergeButton({ mergeId, labels }: { mergeId: string; labels: { unmerge: string; unmerged: string } }) {
  const [state, formAction, pending] = useActionState<UnmergeState, FormData>(unmergeForm, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1" data-testid="unmerge">
      <input type="hidden" name="mergeId" value={mergeId} />
      <button type="submit" disabled={pending} className={button}>
        {labels.unmerge}
      </button>
      {state?.ok ? (
        <p role="status" className="text-xs text-green-800">
          {labels.unmerged}
        </p>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
