import { listInvalidAddresses, listSuppressions } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { formatSeoulDateTime } from "@dangol/domain";
import { getDictionary } from "@/i18n/server";
import { ActionForm } from "@/modules/contacts/action-form";
import { addSuppressionForm, removeSuppressionForm } from "./suppression-actions.ts";

const field = "flex flex-col gap-1 text-sm font-medium";
const input = "min-h-11 rounded-md border border-slate-400 px-3 py-2 text-base font-normal";

/**
 * The customer's campaign blocks beside consent: suppressions (no campaign contacts them on that
 * channel, whatever the consent) and addresses a bounce marked invalid. Adding and removing
 * suppressions are server actions for the CRM team (area "customers"); the page is theirs already.
 */
export async function CampaignConsent({ customerId }: { customerId: bigint }) {
  const { t } = await getDictionary();
  const s = t.campaignConsent;
  const [suppressions, invalid] = await Promise.all([
    listSuppressions(getPrisma(), customerId),
    listInvalidAddresses(getPrisma(), customerId),
  ]);
  const channelName = (channel: string | null) => (channel ? (s.channels[channel] ?? channel) : s.allChannels);
  return (
    <section
      aria-labelledby="campaign-consent"
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="campaign-consent"
    >
      <h2 id="campaign-consent" className="text-base font-semibold">
        {s.title}
      </h2>
      <div>
        <h3 className="text-sm font-semibold text-slate-700">{s.suppressions}</h3>
        {suppressions.length === 0 ? (
          <p className="text-sm text-slate-600">{s.noSuppressions}</p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="suppression-list">
            {suppressions.map((row) => (
              <li key={row.id.toString()} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <strong>{channelName(row.channel)}</strong> · {row.reason || "—"}
                  <span className="block text-xs text-slate-500">
                    {row.createdBy ?? "—"} · {formatSeoulDateTime(row.createdAt)}
                  </span>
                </span>
                <ActionForm
                  action={removeSuppressionForm}
                  done={s.removed}
                  submit={s.remove}
                  testId={`remove-suppression-${row.id}`}
                >
                  <input type="hidden" name="customerId" value={String(customerId)} />
                  <input type="hidden" name="id" value={row.id.toString()} />
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ActionForm
        action={addSuppressionForm}
        done={s.added}
        submit={s.add}
        testId="add-suppression"
        summary={s.addTitle}
      >
        <input type="hidden" name="customerId" value={String(customerId)} />
        <label className={field}>
          {s.channel}
          <select name="channel" className={input} defaultValue="ALL">
            <option value="ALL">{s.allChannels}</option>
            {(["SMS", "EMAIL", "DM", "TM"] as const).map((channel) => (
              <option key={channel} value={channel}>
                {channelName(channel)}
              </option>
            ))}
          </select>
        </label>
        <label className={field}>
          {s.reason}
          <input name="reason" required maxLength={200} autoComplete="off" className={input} />
        </label>
      </ActionForm>
      <div>
        <h3 className="text-sm font-semibold text-slate-700">{s.invalid}</h3>
        {invalid.length === 0 ? (
          <p className="text-sm text-slate-600">{s.noInvalid}</p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="invalid-addresses">
            {invalid.map((row) => (
              <li key={`${row.channel}:${row.address}`} className="py-2">
                <strong>{channelName(row.channel)}</strong> · {row.address}
                <span className="block text-xs text-slate-500">
                  {row.reason} · {formatSeoulDateTime(row.markedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-1 text-xs text-slate-500">{s.invalidHint}</p>
      </div>
    </section>
  );
}
