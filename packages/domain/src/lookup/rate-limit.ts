/**
 * The store lookup's limits, in one place. A store account that looks up more people than a
 * counter plausibly serves is more likely harvesting than serving: it is stopped and admins are
 * told. The card and reveal windows keep a looked-up customer reachable for the rest of the
 * conversation without making every click count as a new lookup.
 */
export const LOOKUP_LIMITS = {
  /** lookups (searches, whatever they found) allowed per user in the window */
  maxLookups: 60,
  windowMinutes: 10,
  /** how long the account cannot look anyone up after running past the limit */
  lockMinutes: 15,
  /** a card opens only for a customer one of the user's own searches returned this recently */
  cardMinutes: 30,
  /** a revealed field stays visible on the card this long, then is masked again */
  revealMinutes: 5,
} as const;
export type LookupLimits = { [K in keyof typeof LOOKUP_LIMITS]: number };

export type LookupGate =
  | { kind: "allow" }
  /** locked earlier (by this rule); nothing new to record */
  | { kind: "locked"; until: Date }
  /** this attempt is the one past the limit: lock until `until` and alert admins */
  | { kind: "exceeded"; until: Date };

const MINUTE_MS = 60_000;

export function lookupWindowStart(now: Date, limits: LookupLimits = LOOKUP_LIMITS): Date {
  return new Date(now.getTime() - limits.windowMinutes * MINUTE_MS);
}

/** `recentLookups` = the user's lookups since lookupWindowStart(now), this attempt not included. */
export function decideLookup(
  input: { now: Date; lockedUntil: Date | null; recentLookups: number },
  limits: LookupLimits = LOOKUP_LIMITS,
): LookupGate {
  const { now, lockedUntil, recentLookups } = input;
  if (lockedUntil && lockedUntil > now) return { kind: "locked", until: lockedUntil };
  if (recentLookups >= limits.maxLookups) {
    return { kind: "exceeded", until: new Date(now.getTime() + limits.lockMinutes * MINUTE_MS) };
  }
  return { kind: "allow" };
}
