"use client";

import { ROLES } from "@dangol/domain";
import { useActionState } from "react";
import type { Dictionary } from "@/i18n/dictionaries";
import { fill } from "@/i18n/dictionaries";
import type { ActionResult } from "@/server/action-core";
import { createUserAction } from "../actions.ts";

type Created = ActionResult<{ email: string; generatedPassword: string | null }>;

export function CreateUserForm({
  t,
  roles,
  stores,
}: {
  t: Dictionary["users"];
  roles: Dictionary["roles"];
  stores: { ref: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState<Created | null, FormData>(
    (_previous, form) => createUserAction(form),
    null,
  );
  const field = "rounded-md border border-slate-300 px-3 py-2 text-base font-normal";
  const fieldError = (name: string) =>
    state && !state.ok && state.fieldErrors?.[name] ? (
      <span className="text-xs font-normal text-red-700">{state.fieldErrors[name]?.[0]}</span>
    ) : null;

  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid="create-user-form">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t.email}
        <input name="email" type="email" required autoComplete="off" className={field} />
        {fieldError("email")}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t.name}
        <input name="name" autoComplete="off" className={field} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t.role}
        <select name="role" defaultValue="CRM_MANAGER" className={field}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roles[role]} ({role})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t.store}
        <select name="store" defaultValue="" className={field}>
          <option value="">{t.storeNone}</option>
          {stores.map((s) => (
            <option key={s.ref} value={s.ref}>
              {s.label}
            </option>
          ))}
        </select>
        {fieldError("store")}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
        {t.password}
        <input name="password" type="text" autoComplete="new-password" className={field} />
        {fieldError("password")}
      </label>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {t.submit}
        </button>
        {state?.ok ? (
          <div role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
            <p>{fill(t.created, { email: state.data.email })}</p>
            {state.data.generatedPassword ? (
              <p>
                {t.generatedPassword}:{" "}
                <code data-testid="generated-password" className="font-mono font-semibold">
                  {state.data.generatedPassword}
                </code>
              </p>
            ) : null}
          </div>
        ) : null}
        {state && !state.ok ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
