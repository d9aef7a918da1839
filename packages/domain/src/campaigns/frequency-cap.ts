import { z } from "zod";
import { CAMPAIGN_CHANNELS, type CampaignChannel } from "./channels.ts";

/**
 * Frequency caps across all campaigns: at most `max` marketing contacts per customer in any `days`
 * days, counted on one channel or on all of them together. Every cap must hold; the first one (in
 * configuration order) that a send would break is reported.
 *
 * The window is rolling (days × 24 hours back from the send, the start excluded), not calendar
 * days: a contact exactly 7 days before the send no longer counts. Contacts dated after the send
 * (already sent by a concurrent campaign, or a clock a little ahead) count too: they share the window.
 */
export type FrequencyCap = {
  /** one channel, or "ALL" (the same as leaving it out) for contacts on every channel together */
  channel?: CampaignChannel | "ALL";
  max: number;
  days: number;
};

export const DEFAULT_FREQUENCY_CAPS: readonly FrequencyCap[] = [{ channel: "ALL", max: 2, days: 7 }];

const capChannel = z.custom<CampaignChannel | "ALL">(
  (v) => v === "ALL" || (CAMPAIGN_CHANNELS as readonly unknown[]).includes(v),
  { error: `channel must be ALL or one of ${CAMPAIGN_CHANNELS.join(", ")}` },
);

export const frequencyCapsSchema = z
  .array(
    z
      .object({
        channel: capChannel.optional(),
        max: z.number().int("max must be a whole number").min(0, "max must be at least 0"),
        days: z
          .number()
          .int("days must be a whole number")
          .min(1, "days must be at least 1")
          .max(365, "at most 365 days"),
      })
      .strict(),
  )
  .max(20, "at most 20 caps");

export type RecentContact = { channel: CampaignChannel; at: Date };
export type CapCheck = { ok: true } | { ok: false; cap: FrequencyCap; count: number };

const DAY_MS = 24 * 60 * 60 * 1000;

function covers(cap: FrequencyCap, channel: CampaignChannel): boolean {
  return cap.channel === undefined || cap.channel === "ALL" || cap.channel === channel;
}

/** Whether one more contact on `channel` at `at` keeps every cap; `recentContacts` excludes this one. */
export function withinCaps(
  recentContacts: readonly RecentContact[],
  channel: CampaignChannel,
  at: Date,
  caps: readonly FrequencyCap[] = DEFAULT_FREQUENCY_CAPS,
): CapCheck {
  for (const cap of caps) {
    if (!covers(cap, channel)) continue;
    const windowStart = at.getTime() - cap.days * DAY_MS;
    let count = 0;
    for (const contact of recentContacts) {
      if (covers(cap, contact.channel) && contact.at.getTime() > windowStart) count++;
    }
    if (count >= cap.max) return { ok: false, cap, count };
  }
  return { ok: true };
}

export type PlannedContact = { customerId: string | number | bigint; channel: CampaignChannel };

/**
 * One contact per customer and channel in a campaign, even where the segment's joins return a
 * customer twice. The first occurrence is kept (so the caller's order, e.g. by priority, decides);
 * the rest are returned as dropped so they can be counted as `duplicate`.
 */
export function dedupeContacts<T extends PlannedContact>(planned: readonly T[]): { kept: T[]; dropped: T[] } {
  const seen = new Set<string>();
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const contact of planned) {
    const key = `${String(contact.customerId)}\u0000${contact.channel}`;
    if (seen.has(key)) dropped.push(contact);
    else {
      seen.add(key);
      kept.push(contact);
    }
  }
  return { kept, dropped };
}
