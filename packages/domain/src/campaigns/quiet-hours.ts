import { seoulClock } from "./seoul-clock.ts";

/**
 * Night-time hold for advertising (정보통신망법 §50③): no ad between 21:00 and 08:00 Korea time
 * unless the customer gave the separate night-time consent. A held send waits for 08:00; it is not
 * dropped. Which channels this applies to is CAMPAIGN_CHANNEL_RULES[channel].quietHours.
 * Seoul time by seoulClock (fixed +09:00, never the host's zone).
 */
export const QUIET_HOURS = {
  /** first held hour, Seoul time */
  startHour: 21,
  /** first hour sends may go again, Seoul time */
  endHour: 8,
} as const;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** True from 21:00:00.000 up to 07:59:59.999 Seoul time. */
export function isQuietHour(at: Date): boolean {
  const { sinceMidnight } = seoulClock(at);
  return sinceMidnight >= QUIET_HOURS.startHour * HOUR_MS || sinceMidnight < QUIET_HOURS.endHour * HOUR_MS;
}

/** The instant an ad planned for `at` may go: `at` itself, or the next 08:00 Seoul time. */
export function adSendTime(at: Date, nightConsent: boolean): Date {
  if (nightConsent || !isQuietHour(at)) return new Date(at.getTime());
  const { midnight, sinceMidnight } = seoulClock(at);
  const morning = midnight + QUIET_HOURS.endHour * HOUR_MS;
  return new Date(sinceMidnight < QUIET_HOURS.endHour * HOUR_MS ? morning : morning + DAY_MS);
}
