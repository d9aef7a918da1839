"use client";

import { useActionState } from "react";
import { fill } from "@/i18n/dictionaries";
import { SettingsFormFooter } from "@/modules/shell/settings-form-footer";
import { type SettingsSaveState, saveCampaignSettingsForm } from "../plan-actions.ts";
import type { CampaignsPlanWords } from "../plan-i18n.ts";

const input = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/**
 * The campaign settings as one plain form (it posts without JS too), blank rows to add a cap or a
 * margin rate. After a refused save it shows what was typed, with each error beside its field.
 */
export function CampaignSettingsForm({
  w,
  values,
  channels,
  channelNames,
  capRows,
  marginRows,
}: {
  w: CampaignsPlanWords["settings"];
  values: Record<string, string>;
  channels: readonly string[];
  channelNames: Record<string, string>;
  capRows: number;
  marginRows: number;
}) {
  const [state, formAction, pending] = useActionState<SettingsSaveState, FormData>(saveCampaignSettingsForm, null);
  const refused = state?.ok && !state.data.ok ? state.data : null;
  const shown = refused ? refused.values : values;
  const errorOf = (name: string) => {
    const keys = refused?.fieldErrors[name];
    return keys?.length ? (
      <span className="text-xs font-normal text-red-700" data-error-for={name}>
        {keys.map((k) => w.errors[k] ?? k).join(" ")}
      </span>
    ) : null;
  };
  const field = (name: string, label: string, numeric = false) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <input
        name={name}
        defaultValue={shown[name] ?? ""}
        inputMode={numeric ? "decimal" : undefined}
        className={`${input} ${numeric ? "text-right tabular-nums" : ""}`}
      />
      {errorOf(name)}
    </label>
  );
  const key = state ? JSON.stringify(state).length : 0;

  return (
    <form action={formAction} className="flex flex-col gap-5" data-testid="campaign-settings-form" noValidate key={key}>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">{w.approval}</legend>
        {field("approvalThreshold", w.approvalThreshold, true)}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">{w.sender}</legend>
        {field("senderName", w.senderName)}
        {field("senderPhone", w.senderPhone)}
        {field("optOut080", w.optOut080)}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">{w.sending}</legend>
        {field("batchSize", w.batchSize, true)}
        {field("maxAttempts", w.maxAttempts, true)}
        <span />
        {channels.map((c) => (
          <div key={c}>{field(`rate.${c}`, fill(w.ratePerSecond, { channel: channelNames[c] ?? c }), true)}</div>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold">{w.caps}</legend>
        <p className="text-xs text-slate-500">{w.capsHint}</p>
        {errorOf("caps")}
        {Array.from({ length: capRows }, (_, i) => (
          <div key={i} className="grid grid-cols-3 gap-2" data-cap-row={i}>
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              {w.capChannel}
              <select name={`caps.${i}.channel`} defaultValue={shown[`caps.${i}.channel`] ?? "ALL"} className={input}>
                <option value="ALL">{w.capAll}</option>
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {channelNames[c] ?? c}
                  </option>
                ))}
              </select>
              {errorOf(`caps.${i}.channel`)}
            </label>
            {field(`caps.${i}.max`, w.capMax, true)}
            {field(`caps.${i}.days`, w.capDays, true)}
          </div>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold">{w.margins}</legend>
        <p className="text-xs text-slate-500">{w.marginHint}</p>
        <div className="grid gap-2 sm:grid-cols-3">{field("margin.default", w.defaultRate, true)}</div>
        {Array.from({ length: marginRows }, (_, i) => (
          <div key={i} className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-margin-row={i}>
            {field(`margin.${i}.code`, w.categoryCode)}
            {field(`margin.${i}.rate`, w.rate, true)}
          </div>
        ))}
      </fieldset>
      <SettingsFormFooter
        state={state}
        pending={pending}
        words={{ note: w.noteLabel, save: w.save, saved: w.saved, formError: w.formError }}
      />
    </form>
  );
}
