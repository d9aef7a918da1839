export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export function isLocked(lockedUntil: Date | null | undefined, now: Date): boolean {
  return lockedUntil != null && lockedUntil.getTime() > now.getTime();
}

/**
 * After a wrong password: the new failure count and, when it reaches the limit, the lock's end.
 * The count restarts once a lock has expired so a stale count from last week cannot lock on one miss.
 */
export function afterFailedLogin(
  state: { failedLogins: number; lockedUntil: Date | null },
  now: Date,
): { failedLogins: number; lockedUntil: Date | null } {
  const lockExpired = state.lockedUntil != null && !isLocked(state.lockedUntil, now);
  const failedLogins = (lockExpired ? 0 : state.failedLogins) + 1;
  if (failedLogins >= MAX_FAILED_LOGINS) {
    return { failedLogins, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
  }
  return { failedLogins, lockedUntil: lockExpired ? null : state.lockedUntil };
}
