import { RECORDABLE_TOUCHPOINT_KINDS } from "@dangol/domain/contacts";
import { getDictionary } from "@/i18n/server";
import { ActionForm } from "./action-form.tsx";
import { confirmContactForm, recordConsentForm, recordTouchpointForm } from "./actions.ts";

const CHANNELS = ["SMS", "EMAIL", "DM", "TM", "NIGHT"] as const;
const field = "flex flex-col gap-1 text-sm font-medium";
const input = "min-h-11 rounded-md border border-slate-400 px-3 py-2 text-base font-normal";

/**
 * What staff record with the customer in front of them: a touchpoint with a note, contact details
 * the customer confirmed in person, a consent change per channel. Plain forms posting server
 * actions (role checked there: area "lookup"), usable before any JavaScript has loaded.
 */
export async function ContactActions({ customerId, returnTo }: { customerId: bigint; returnTo: string }) {
  const { t } = await getDictionary();
  const c = t.contacts;
  const hidden = (
    <>
      <input type="hidden" name="customerId" value={String(customerId)} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
  return (
    <section
      aria-labelledby="contact-actions"
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 id="contact-actions" className="text-base font-semibold">
        {c.actions}
      </h2>
      <ActionForm action={recordTouchpointForm} done={c.recorded} submit={c.record} testId="touchpoint-form">
        {hidden}
        <label className={field}>
          {c.kind}
          <select name="kind" required className={input} defaultValue="COUNSELLING">
            {RECORDABLE_TOUCHPOINT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {c.kinds[kind]}
              </option>
            ))}
          </select>
        </label>
        <label className={field}>
          {c.note}
          <textarea name="note" maxLength={1000} rows={3} className={input} />
        </label>
      </ActionForm>

      <ActionForm
        action={confirmContactForm}
        done={c.confirmed}
        submit={c.confirm}
        testId="confirm-contact-form"
        summary={c.confirmTitle}
      >
        {hidden}
        <p className="text-xs text-slate-600">{c.confirmHint}</p>
        <label className={field}>
          {c.phone}
          <input name="phone" type="tel" inputMode="tel" autoComplete="off" className={input} />
        </label>
        <label className={field}>
          {c.email}
          <input name="email" type="email" autoComplete="off" className={input} />
        </label>
        <label className={field}>
          {c.zip}
          <input name="zip" inputMode="numeric" maxLength={5} autoComplete="off" className={input} />
        </label>
        <label className={field}>
          {c.address}
          <input name="address" autoComplete="off" maxLength={200} className={input} />
        </label>
      </ActionForm>

      <ActionForm
        action={recordConsentForm}
        done={c.consentSaved}
        submit={c.saveConsent}
        testId="consent-form"
        summary={c.consentTitle}
      >
        {hidden}
        <label className={field}>
          {c.channel}
          <select name="channel" required className={input}>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {c.channels[channel]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex gap-4 text-sm">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="granted" value="true" required /> {c.grant}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="granted" value="false" required /> {c.withdraw}
          </label>
        </fieldset>
      </ActionForm>
    </section>
  );
}
