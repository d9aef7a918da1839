import { fill } from "@/i18n/dictionaries";
import type { ActionResult } from "@/server/action";

const input = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/**
 * The end of a versioned settings form (tier rules, campaign settings): the change note, the save
 * button, and what the save answered — the new version, "see the fields above", or the refusal.
 */
export function SettingsFormFooter({
  state,
  pending,
  words,
}: {
  state: ActionResult<{ ok: true; version: number } | { ok: false }> | null;
  pending: boolean;
  words: { note: string; save: string; saved: string; formError: string };
}) {
  return (
    <>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {words.note}
        <input name="note" maxLength={200} className={input} />
      </label>
      <div className="flex flex-col gap-2">
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {words.save}
        </button>
        {state?.ok && state.data.ok ? (
          <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
            {fill(words.saved, { version: state.data.version })}
          </p>
        ) : null}
        {state?.ok && !state.data.ok ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {words.formError}
          </p>
        ) : null}
        {state && !state.ok ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
      </div>
    </>
  );
}
