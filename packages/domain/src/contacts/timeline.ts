/** One line of a customer's contact history; `at` orders them, `key` keeps the order stable. */
export interface TimelineEntry<K extends string = string> {
  kind: K;
  key: string;
  at: Date;
}

/**
 * The timeline merges its sources (each read newest first and cut at `limit`) into one list,
 * newest first; on equal times the later-written row first, so a page never reshuffles.
 */
export function mergeTimeline<E extends TimelineEntry>(sources: readonly (readonly E[])[], limit: number): E[] {
  return sources
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .slice(0, limit);
}
