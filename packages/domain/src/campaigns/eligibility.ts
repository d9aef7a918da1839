import { CAMPAIGN_CHANNEL_RULES, type CampaignChannel } from "./channels.ts";
import { type ConsentEvent, effectiveConsent } from "./consent.ts";
import { type FrequencyCap, type RecentContact, withinCaps } from "./frequency-cap.ts";
import { adSendTime } from "./quiet-hours.ts";

/**
 * The last check before one contact goes out, run at send time (not only when the campaign was
 * planned) so an opt-out taken since then takes effect at once.
 *
 * Every excluded contact gets exactly one reason, so the counts by reason add up to the number
 * excluded. When several apply, the first in EXCLUSION_REASONS is reported: a duplicate is not a
 * second person, so it is never counted again under another reason; then the legal ones (consent,
 * the suppression list) before the practical ones (address) and the frequency cap, which only
 * matters for a contact that could otherwise go.
 */
export const EXCLUSION_REASONS = [
  "duplicate",
  "no_consent",
  "suppressed",
  "no_address",
  "invalid_address",
  "frequency_cap",
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type SendCheckInput = {
  channel: CampaignChannel;
  /** all of the customer's consent events (any channel); the newest state is derived here */
  consentEvents: readonly ConsentEvent[];
  /** the customer has an address for the channel at all (mobile for SMS/TM, e-mail, postal) */
  hasAddress: boolean;
  /** false once a bounce or hard failure marked the address invalid */
  addressValid: boolean;
  /** on a suppression list for this channel or for every channel */
  suppressed: boolean;
  /** this campaign already has a contact for this customer on this channel */
  duplicate: boolean;
  /** when the send is due; held to 08:00 Seoul time at night without night-time consent */
  at: Date;
  /** the customer's marketing contacts on every channel, from all campaigns */
  recentContacts: readonly RecentContact[];
  caps?: readonly FrequencyCap[];
};

export type SendDecision = { ok: true; sendAt: Date } | { ok: false; reason: ExclusionReason };

export function sendEligibility(input: SendCheckInput): SendDecision {
  const rule = CAMPAIGN_CHANNEL_RULES[input.channel];
  if (input.duplicate) return { ok: false, reason: "duplicate" };
  if (!effectiveConsent(input.consentEvents, rule.consent).granted) return { ok: false, reason: "no_consent" };
  if (input.suppressed) return { ok: false, reason: "suppressed" };
  if (!input.hasAddress) return { ok: false, reason: "no_address" };
  if (!input.addressValid) return { ok: false, reason: "invalid_address" };
  const nightConsent = effectiveConsent(input.consentEvents, "NIGHT").granted;
  const sendAt = rule.quietHours ? adSendTime(input.at, nightConsent) : new Date(input.at.getTime());
  // The cap is checked at the moment the contact will really be made, after any night-time hold.
  if (!withinCaps(input.recentContacts, input.channel, sendAt, input.caps).ok)
    return { ok: false, reason: "frequency_cap" };
  return { ok: true, sendAt };
}

/** Counts by reason with every reason present (zero included), for the campaign's exclusion report. */
export function countExclusions(reasons: Iterable<ExclusionReason>): Record<ExclusionReason, number> {
  const counts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  for (const reason of reasons) counts[reason]++;
  return counts;
}
