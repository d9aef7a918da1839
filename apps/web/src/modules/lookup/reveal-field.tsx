import { type RevealField as Field, REVEAL_REASONS } from "@dangol/domain/lookup";
import type { Dictionary } from "@/i18n/dictionaries";
import { revealFormAction } from "./actions.ts";

/**
 * One profile line: the masked (or hidden) value, and behind a <details> the reason picker that
 * reveals it. A plain form posting to a server action: no client component, works without JS.
 */
export function RevealField({
  customerId,
  field,
  masked,
  full,
  revealed,
  l,
}: {
  customerId: string;
  field: Field;
  masked: string;
  full: string;
  revealed: boolean;
  l: Dictionary["lookup"];
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 border-b border-slate-100 py-2 last:border-0">
      <dt className="text-slate-600">{l.fieldNames[field]}</dt>
      <dd className="min-w-0 text-right">
        <span className="break-all tabular-nums" data-testid={`field-${field}`}>
          {revealed ? full || "—" : masked}
        </span>
        {revealed ? null : (
          <details className="mt-1 text-left">
            <summary className="inline-flex min-h-11 cursor-pointer items-center rounded border border-slate-300 px-3 text-sm">
              {l.reveal}
            </summary>
            <form action={revealFormAction} className="mt-2 flex flex-col gap-2 text-sm">
              <input type="hidden" name="customerId" value={customerId} />
              <input type="hidden" name="field" value={field} />
              <label className="flex flex-col gap-1">
                {l.reason}
                <select name="reason" required className="min-h-11 rounded border border-slate-400 bg-white px-2">
                  {REVEAL_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {l.reasons[r]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col gap-1">
                {l.reasonNote}
                <input name="note" maxLength={200} className="min-h-11 rounded border border-slate-400 px-2" />
              </label>
              <button type="submit" className="min-h-11 rounded bg-slate-900 px-3 font-medium text-white">
                {l.reveal}
              </button>
            </form>
          </details>
        )}
      </dd>
    </div>
  );
}
