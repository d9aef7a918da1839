/**
 * Night-time hold for advertising (정보통신망법 §50③): no ad between 21:00 and 08:00 Korea time
 * unless the customer gave the separate night-time consent. A held send waits for 08:00; it is not
 * dropped. Which channels this applies to is CAMPAIGN_CHANNEL_RULES[channel].quietHours.
 *
 * Korea has no daylight saving time, so Seoul is always UTC+09:00: the arithmetic uses that fixed
 * offset and never the host's time zone, which on a server is usually UTC.
 */
export const QUIET_HOURS = {
  /** first held hour, Seoul time */
  startHour: 21,
  /** first hour sends may go again, Seoul time */
  endHour: 8,
} as const;

export const SEOUL_UTC_OFFSET_MS = 9 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Milliseconds since Seoul midnight, and that midnight as a UTC instant. */
function seoulDay(at: Date): { midnight: number; sinceMidnight: number } {
  const local = at.getTime() + SEOUL_UTC_OFFSET_MS;
  const sinceMidnight = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return { midnight: at.getTime() - sinceMidnight, sinceMidnight };
}

/** True from 21:00:00.000 up to 07:59:59.999 Seoul time. */
export function isQuietHour(at: Date): boolean {
  const { sinceMidnight } = seoulDay(at);
  return sinceMidnight >= QUIET_HOURS.startHour * HOUR_MS || sinceMidnight < QUIET_HOURS.endHour * HOUR_MS;
}

/** The instant an ad planned for `at` may go: `at` itself, or the next 08:00 Seoul time. */
export function adSendTime(at: Date, nightConsent: boolean): Date {
  if (nightConsent || !isQuietHour(at)) return new Date(at.getTime());
  const { midnight, sinceMidnight } = seoulDay(at);
  const morning = midnight + QUIET_HOURS.endHour * HOUR_MS;
  return new Date(sinceMidnight < QUIET_HOURS.endHour * HOUR_MS ? morning : morning + DAY_MS);
}
