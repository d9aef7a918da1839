"use client";

import { type FormEvent, type ReactNode, startTransition, useActionState, useEffect, useRef } from "react";
import { ActionOutcome } from "@/modules/shell/action-outcome";
import type { ContactState } from "./actions.ts";

/**
 * A contact form: a real <form> posting a server action, so it works before (or without) any
 * JavaScript; once scripts arrive it posts in place. Shows the outcome next to the button. What was
 * typed stays after a refusal (React would clear the form after any action), and goes after success.
 */
export function ActionForm({
  action,
  done,
  submit,
  testId,
  summary,
  children,
}: {
  action: (previous: ContactState, form: FormData) => Promise<ContactState>;
  done: string;
  submit: string;
  testId: string;
  /** folds the form under this heading; it opens by itself to show an outcome */
  summary?: string;
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState<ContactState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const post = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const formElement = (
    <form ref={form} action={formAction} onSubmit={post} className="flex flex-col gap-2" data-testid={testId}>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="min-h-11 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {submit}
        </button>
        <ActionOutcome state={state} done={done} />
      </div>
    </form>
  );
  if (!summary) return formElement;
  return (
    <details open={state !== null || undefined} className="rounded-md border border-slate-200 p-3">
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-semibold">{summary}</summary>
      {formElement}
    </details>
  );
}
