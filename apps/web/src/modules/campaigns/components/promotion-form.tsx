"use client";

import Link from "next/link";
import { useActionState } from "react";
import { type PromotionSaveState, savePromotionForm } from "../plan-actions.ts";
import type { CampaignsPlanWords } from "../plan-i18n.ts";

export type PromotionFormValues = {
  id: string;
  name: string;
  kind: string;
  formats: string[];
  startsOn: string;
  endsOn: string;
  note: string;
};

const input = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Create or edit a promotion: a plain form (posts without JS too), errors beside their fields. */
export function PromotionForm({
  w,
  kinds,
  formats,
  initial,
  cancelHref,
}: {
  w: CampaignsPlanWords["calendar"];
  kinds: readonly string[];
  formats: readonly string[];
  initial: PromotionFormValues | null;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState<PromotionSaveState, FormData>(savePromotionForm, null);
  const refused = state?.ok && !state.data.ok ? state.data : null;
  const typed = refused?.values ?? null;
  const value = (name: keyof PromotionFormValues) =>
    typed ? (typed[name] ?? "") : initial ? String(initial[name] ?? "") : "";
  const checked = (f: string) => (typed ? typed[`formats.${f}`] === "on" : (initial?.formats.includes(f) ?? false));
  const errorOf = (field: string) =>
    refused?.fieldErrors[field] ? (
      <span className="text-xs font-normal text-red-700" data-error-for={field}>
        {refused.fieldErrors[field]}
      </span>
    ) : null;
  // A new key after each answer remounts the inputs with the values above (React resets a form after its action).
  const key = state ? JSON.stringify(state).length : 0;

  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="promotion-form" noValidate key={key}>
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {w.name}
          <input name="name" maxLength={100} defaultValue={value("name")} className={input} />
          {errorOf("name")}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {w.kind}
          <select name="kind" defaultValue={value("kind") || "sale"} className={input}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {w.kinds[k] ?? k}
              </option>
            ))}
          </select>
          {errorOf("kind")}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {w.startsOn}
          <input type="date" name="startsOn" defaultValue={value("startsOn")} className={input} />
          {errorOf("startsOn")}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {w.endsOn}
          <input type="date" name="endsOn" defaultValue={value("endsOn")} className={input} />
          {errorOf("endsOn")}
        </label>
      </div>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="font-medium">{w.formats}</legend>
        <div className="flex flex-wrap gap-4">
          {formats.map((f) => (
            <label key={f} className="flex items-center gap-1.5">
              <input type="checkbox" name={`formats.${f}`} defaultChecked={checked(f)} />
              {w.formatNames[f] ?? f} ({f})
            </label>
          ))}
        </div>
        {errorOf("formats")}
      </fieldset>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {w.note}
        <input name="note" maxLength={500} defaultValue={value("note")} className={input} />
        {errorOf("note")}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {w.save}
        </button>
        {initial ? (
          <Link href={cancelHref} className="text-sm text-slate-600 underline">
            {w.cancelEdit}
          </Link>
        ) : null}
        {state?.ok && state.data.ok ? (
          <span role="status" className="text-sm text-green-800">
            {w.saved}
          </span>
        ) : null}
        {refused ? (
          <span role="alert" className="text-sm text-red-800">
            {w.formError}
          </span>
        ) : null}
        {state && !state.ok ? (
          <span role="alert" className="text-sm text-red-800">
            {state.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
