"use client";

import type { SchedulePreset } from "@dangol/domain";
import { useActionState, useState, useTransition } from "react";
import type { EditorWords } from "../../i18n-editor.ts";
import {
  createScheduleAction,
  type DuplicateState,
  deleteScheduleForm,
  duplicateQueryForm,
  type PinState,
  pinQueryForm,
  type ScheduleState,
} from "../actions.ts";

const button =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";
const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Refusal({ state }: { state: { ok: boolean; message?: string } | null }) {
  return state && !state.ok ? (
    <p role="alert" className="text-sm text-red-800">
      {state.message}
    </p>
  ) : null;
}

/** A private copy for the caller; the action sends the browser to it. */
export function DuplicateButton({ queryId, label }: { queryId: string; label: string }) {
  const [state, formAction, pending] = useActionState<DuplicateState, FormData>(duplicateQueryForm, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={queryId} />
      <button type="submit" className={button} disabled={pending} data-testid="duplicate">
        {label}
      </button>
      <Refusal state={state} />
    </form>
  );
}

export function PinButton({
  queryId,
  pinned,
  labels,
}: {
  queryId: string;
  pinned: boolean;
  labels: { pin: string; unpin: string };
}) {
  const [state, formAction, pending] = useActionState<PinState, FormData>(pinQueryForm, null);
  const now = state?.ok ? state.data.pinned : pinned;
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={queryId} />
      <input type="hidden" name="pinned" value={now ? "false" : "true"} />
      <button type="submit" className={button} disabled={pending} data-testid="pin" aria-pressed={now}>
        {now ? labels.unpin : labels.pin}
      </button>
      <Refusal state={state} />
    </form>
  );
}

export function DeleteScheduleButton({
  queryId,
  scheduleId,
  label,
}: {
  queryId: string;
  scheduleId: string;
  label: string;
}) {
  const [state, formAction, pending] = useActionState<ScheduleState, FormData>(deleteScheduleForm, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="queryId" value={queryId} />
      <input type="hidden" name="scheduleId" value={scheduleId} />
      <button type="submit" className={`${button} py-1 text-xs`} disabled={pending}>
        {label}
      </button>
      <Refusal state={state} />
    </form>
  );
}

type PresetKind = SchedulePreset["kind"];

/** Daily / weekly / monthly at a time (Seoul), or a cron expression; optional CSV recipients. */
export function ScheduleForm({
  queryId,
  words,
  savedValues,
}: {
  queryId: string;
  words: EditorWords["schedules"];
  savedValues: string;
}) {
  const [kind, setKind] = useState<PresetKind>("daily");
  const [time, setTime] = useState("07:00");
  const [weekday, setWeekday] = useState(1);
  const [day, setDay] = useState(1);
  const [cron, setCron] = useState("0 7 * * *");
  const [emailTo, setEmailTo] = useState("");
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();

  const preset: SchedulePreset =
    kind === "cron"
      ? { kind, cron }
      : kind === "weekly"
        ? { kind, weekday, time }
        : kind === "monthly"
          ? { kind, day, time }
          : { kind, time };

  return (
    <form
      className="flex flex-col gap-3 border-t border-slate-100 pt-3"
      data-testid="schedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await createScheduleAction({ queryId, preset, emailTo });
          setOutcome(result.ok ? { ok: true, message: words.added } : { ok: false, message: result.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          {words.preset}
          <select className={field} value={kind} onChange={(e) => setKind(e.target.value as PresetKind)}>
            {(Object.keys(words.presets) as PresetKind[]).map((k) => (
              <option key={k} value={k}>
                {words.presets[k]}
              </option>
            ))}
          </select>
        </label>
        {kind === "cron" ? (
          <label className="flex flex-col gap-1 text-sm">
            {words.cron}
            <input className={`${field} font-mono`} value={cron} onChange={(e) => setCron(e.target.value)} />
          </label>
        ) : (
          <>
            {kind === "weekly" ? (
              <label className="flex flex-col gap-1 text-sm">
                {words.weekday}
                <select className={field} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
                  {words.weekdays.map((name, index) => (
                    <option key={name} value={index}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {kind === "monthly" ? (
              <label className="flex flex-col gap-1 text-sm">
                {words.dayOfMonth}
                <input
                  type="number"
                  min={1}
                  max={28}
                  className={`${field} w-20`}
                  value={day}
                  onChange={(e) => setDay(Number(e.target.value))}
                />
              </label>
            ) : null}
            <label className="flex flex-col gap-1 text-sm">
              {words.time}
              <input type="time" className={field} value={time} onChange={(e) => setTime(e.target.value)} />
            </label>
          </>
        )}
      </div>
      <label className="flex flex-col gap-1 text-sm">
        {words.emailTo}
        <input
          type="text"
          inputMode="email"
          className={field}
          value={emailTo}
          onChange={(e) => setEmailTo(e.target.value)}
        />
      </label>
      <p className="text-xs text-slate-500">
        {words.valuesNote}
        {savedValues ? ` (${savedValues})` : null}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={button} disabled={pending}>
          {words.add}
        </button>
        {outcome ? (
          <p
            role={outcome.ok ? "status" : "alert"}
            className={`text-sm ${outcome.ok ? "text-green-800" : "text-red-800"}`}
          >
            {outcome.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
