import type { ConsentChannel } from "./channels.ts";

/**
 * A customer's consent on one channel, decided from every change recorded for it (consent_event).
 *
 * Interpretation of the rules:
 * - The latest `changedAt` wins, whatever the source: when divisions disagree, the most recent
 *   change stands. `changedAt` is when the customer made the change, not when we loaded it, so a
 *   division feed that arrives late with an old grant does not undo a newer opt-out.
 * - An opt-out Dangol took itself (store lookup, e-mail unsubscribe link, the 080 list) stands until
 *   an opt-in strictly newer than it, from any source. A grant at the same instant or earlier never
 *   revives the customer: a tie between a grant and an opt-out goes to the opt-out, whoever reported
 *   either. With that tie rule the Dangol precedence follows from "latest wins"; the tests pin it so
 *   a change to the ordering cannot quietly break it.
 * - No events on the channel: no consent (consent is opt-in, never assumed).
 */

export const DIVISION_SOURCES = ["DPT", "MART", "SM"] as const;
/** Opt-outs Dangol records itself rather than receives from a division feed. */
export const DANGOL_OPT_OUT_SOURCES = ["DANGOL_STORE", "UNSUBSCRIBE", "OPTOUT_080"] as const;

export type ConsentEvent = {
  channel: ConsentChannel;
  granted: boolean;
  changedAt: Date;
  /** a division (DPT / MART / SM) or one of Dangol's own sources; free text in the schema */
  source: string;
};

export type EffectiveConsent<E extends ConsentEvent = ConsentEvent> = {
  granted: boolean;
  /** the event that decided it; null when the channel has no events at all */
  decidedBy: E | null;
};

const dangolSources: ReadonlySet<string> = new Set(DANGOL_OPT_OUT_SOURCES);

export function isDangolOptOut(event: ConsentEvent): boolean {
  return !event.granted && dangolSources.has(event.source);
}

/** An unreadable date cannot claim to be the latest: it sorts before every real one. */
function changedAtMs(event: ConsentEvent): number {
  const ms = event.changedAt.getTime();
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Positive when `a` should decide over `b`: later first, then opt-out over grant, then Dangol's own. */
function precedence(a: ConsentEvent, b: ConsentEvent): number {
  const ta = changedAtMs(a);
  const tb = changedAtMs(b);
  if (ta !== tb) return ta > tb ? 1 : -1;
  if (a.granted !== b.granted) return a.granted ? -1 : 1;
  return Number(isDangolOptOut(a)) - Number(isDangolOptOut(b));
}

export function effectiveConsent<E extends ConsentEvent>(
  events: readonly E[],
  channel: ConsentChannel,
): EffectiveConsent<E> {
  let decidedBy: E | null = null;
  for (const event of events) {
    if (event.channel !== channel) continue;
    if (decidedBy === null || precedence(event, decidedBy) > 0) decidedBy = event;
  }
  return { granted: decidedBy?.granted ?? false, decidedBy };
}
