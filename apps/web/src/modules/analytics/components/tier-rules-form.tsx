"use client";

import type { TierRules } from "@dangol/domain/tiers";
import { useActionState } from "react";
import type { Dictionary } from "@/i18n/dictionaries";
import { SettingsFormFooter } from "@/modules/shell/settings-form-footer";
import { saveTierRulesForm, type TierSaveState } from "../actions.ts";
import { MAX_TIERS } from "../tier-form.ts";

/**
 * A plain HTML form (it posts without JS too): one row per tier plus blank rows to add one.
 * Field errors arrive as message keys and are shown in the reader's language.
 */
export function TierRulesForm({ t, rules }: { t: Dictionary["tiers"]; rules: TierRules }) {
  const [state, formAction, pending] = useActionState<TierSaveState, FormData>(saveTierRulesForm, null);
  const fieldErrors = state?.ok && !state.data.ok ? state.data.fieldErrors : {};
  // After a refused save the form shows what was typed, not the stored rules (React resets the form).
  const typed = state?.ok && !state.data.ok ? state.data.values : null;
  const initial = (name: string, stored: string | number | undefined) =>
    typed ? (typed[name] ?? "") : String(stored ?? "");
  const errorOf = (name: string) => {
    const keys = fieldErrors[name];
    return keys?.length ? (
      <span className="text-xs font-normal text-red-700" data-testid={`error-${name}`}>
        {keys.map((k) => t.errors[k] ?? k).join(" ")}
      </span>
    ) : null;
  };
  const rows = Math.min(MAX_TIERS, rules.tiers.length + 2);
  const input = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

  return (
    <form action={formAction} className="flex flex-col gap-4" data-testid="tier-rules-form" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t.window}
          <input
            name="windowMonths"
            inputMode="numeric"
            defaultValue={initial("windowMonths", rules.windowMonths)}
            className={input}
          />
          {errorOf("windowMonths")}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t.evaluationDay}
          <input
            name="evaluationDay"
            inputMode="numeric"
            defaultValue={initial("evaluationDay", rules.evaluationDay)}
            className={input}
          />
          {errorOf("evaluationDay")}
        </label>
      </div>
      <p className="text-xs text-slate-500">{t.rowHint}</p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-1 pr-2 font-medium">{t.code}</th>
              <th className="py-1 pr-2 font-medium">{t.name}</th>
              <th className="py-1 pr-2 font-medium">{t.nameEn}</th>
              <th className="py-1 pr-2 font-medium">{t.minSpend}</th>
              <th className="py-1 pr-2 font-medium">{t.minVisits}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => {
              const tier = rules.tiers[i];
              const name = (field: string) => `tiers.${i}.${field}`;
              return (
                <tr key={i} className="align-top" data-tier-row={tier?.code ?? ""}>
                  <td className="py-1 pr-2">
                    <input
                      name={name("code")}
                      aria-label={`${t.code} ${i + 1}`}
                      defaultValue={initial(name("code"), tier?.code)}
                      className={input}
                    />
                    {errorOf(name("code"))}
                    {errorOf(`tiers.${i}`)}
                  </td>
                  <td className="py-1 pr-2">
                    <input
                      name={name("name")}
                      aria-label={`${t.name} ${i + 1}`}
                      defaultValue={initial(name("name"), tier?.name)}
                      className={input}
                    />
                    {errorOf(name("name"))}
                  </td>
                  <td className="py-1 pr-2">
                    <input
                      name={name("nameEn")}
                      aria-label={`${t.nameEn} ${i + 1}`}
                      defaultValue={initial(name("nameEn"), tier?.nameEn)}
                      className={input}
                    />
                    {errorOf(name("nameEn"))}
                  </td>
                  <td className="py-1 pr-2">
                    <input
                      name={name("minSpend")}
                      aria-label={`${t.minSpend} ${tier?.code ?? i + 1}`}
                      inputMode="numeric"
                      defaultValue={initial(name("minSpend"), tier?.minSpend)}
                      className={`${input} text-right tabular-nums`}
                    />
                    {errorOf(name("minSpend"))}
                  </td>
                  <td className="py-1 pr-2">
                    <input
                      name={name("minVisits")}
                      aria-label={`${t.minVisits} ${tier?.code ?? i + 1}`}
                      inputMode="numeric"
                      defaultValue={initial(name("minVisits"), tier?.minVisits)}
                      className={`${input} text-right tabular-nums`}
                    />
                    {errorOf(name("minVisits"))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {errorOf("tiers")}
      <SettingsFormFooter
        state={state}
        pending={pending}
        words={{ note: t.note, save: t.save, saved: t.saved, formError: t.formError }}
      />
    </form>
  );
}
