import { formatSeoulDateTime } from "@dangol/domain";
import { maskContactsInText } from "@dangol/domain/contacts";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { loadTimeline, TIMELINE_LIMIT } from "./queries.ts";

/**
 * The customer's contact history, newest first: store touchpoints with the staff's notes, contact
 * details confirmed in person, consent changes, campaign contacts (outcome, never the message) and
 * responses. `masked` (store screens): notes stay readable but
 * a phone number or e-mail address typed into one is masked; confirmations name fields, never values.
 */
export async function ContactTimeline({ customerId, masked }: { customerId: bigint; masked: boolean }) {
  const [{ t }, items] = await Promise.all([getDictionary(), loadTimeline(customerId)]);
  const c = t.contacts;
  const by = (staff: string | null, store: string | null) =>
    [staff ?? c.unknownStaff, store].filter(Boolean).join(" · ");
  return (
    <section aria-labelledby="contact-timeline" className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="contact-timeline" className="text-base font-semibold">
          {c.timeline}
        </h2>
        {items.length === TIMELINE_LIMIT ? (
          <span className="text-xs text-slate-500">{fill(c.latest, { n: TIMELINE_LIMIT })}</span>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{c.empty}</p>
      ) : (
        <ol className="mt-2 flex flex-col" data-testid="contact-timeline">
          {items.map((item) => (
            <li key={item.key} className="border-b border-slate-100 py-2 text-sm last:border-0" data-kind={item.kind}>
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-medium">
                  {item.kind === "touchpoint"
                    ? (c.kinds[item.touchpointKind] ?? item.touchpointKind)
                    : item.kind === "confirmation"
                      ? c.kinds.CONTACT_CONFIRMED
                      : item.kind === "consent"
                        ? `${c.consent}: ${c.channels[item.channel] ?? item.channel} ${item.granted ? c.granted : c.withdrawn}`
                        : item.kind === "campaign_contact"
                          ? `${c.campaign} ${c.channels[item.channel] ?? item.channel}: ${c.campaignOutcomes[item.outcome] ?? item.outcome}`
                          : c.campaignResponded}
                </span>
                <time dateTime={item.at.toISOString()} className="text-xs tabular-nums text-slate-500">
                  {formatSeoulDateTime(item.at)}
                </time>
              </div>
              {item.kind === "touchpoint" && item.note ? (
                <p className="mt-0.5 whitespace-pre-line break-words text-slate-800">
                  {masked ? maskContactsInText(item.note) : item.note}
                </p>
              ) : null}
              {item.kind === "confirmation" ? (
                <p className="mt-0.5 text-slate-700">
                  {fill(c.confirmedFields, { fields: item.fields.map((f) => c.fields[f] ?? f).join(", ") })}
                </p>
              ) : null}
              <p className="text-xs text-slate-500">
                {item.kind === "consent"
                  ? (c.consentSources[item.source] ?? item.source)
                  : item.kind === "campaign_contact" || item.kind === "campaign_response"
                    ? [
                        item.campaign,
                        item.kind === "campaign_contact" && item.reason
                          ? (c.exclusionReasons[item.reason] ?? item.reason)
                          : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")
                    : by(item.staff, item.store)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
