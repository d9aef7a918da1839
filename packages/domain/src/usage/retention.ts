/** Page views are kept this long (a year and a bit, so a screen used once a year still shows). */
export const PAGE_VIEW_RETENTION_DAYS = 400;

const DAY_MS = 86_400_000;

/** Page views recorded before this instant are deleted by the nightly retention job. */
export function pageViewRetentionCutoff(now: Date, days: number = PAGE_VIEW_RETENTION_DAYS): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
