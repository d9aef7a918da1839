/**
 * Seoul wall-clock arithmetic for the campaign rules. Korea has kept UTC+09:00 all year since 1988,
 * so an instant is shifted by that fixed offset and read with UTC getters: the host's time zone
 * (UTC on the servers, anything on a laptop) never enters.
 */
export const SEOUL_UTC_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Seoul calendar day of an instant (month 0–11, weekday 0 = Sunday), its midnight as an instant, and the time since. */
export type SeoulClock = {
  year: number;
  month: number;
  day: number;
  weekday: number;
  midnight: number;
  sinceMidnight: number;
};

export function seoulClock(at: Date): SeoulClock {
  const local = at.getTime() + SEOUL_UTC_OFFSET_MS;
  const shifted = new Date(local);
  const sinceMidnight = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth(),
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    midnight: at.getTime() - sinceMidnight,
    sinceMidnight,
  };
}
