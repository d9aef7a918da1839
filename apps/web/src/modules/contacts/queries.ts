import { getPrisma } from "@dangol/db/client";
import { confirmedFieldsOf, mergeTimeline, type TimelineEntry } from "@dangol/domain/contacts";

export type TimelineItem =
  | (TimelineEntry<"touchpoint"> & {
      touchpointKind: string;
      note: string | null;
      store: string | null;
      staff: string | null;
    })
  | (TimelineEntry<"confirmation"> & { fields: string[]; store: string | null; staff: string | null })
  | (TimelineEntry<"consent"> & { channel: string; granted: boolean; source: string });

export const TIMELINE_LIMIT = 50;

/**
 * The newest TIMELINE_LIMIT entries of the customer's contact history: each source is read newest
 * first on its (customer_id, time) index and cut at the limit, then merged.
 */
export async function loadTimeline(customerId: bigint, limit = TIMELINE_LIMIT): Promise<TimelineItem[]> {
  const db = getPrisma();
  const [touchpoints, consents] = await Promise.all([
    db.touchpoint.findMany({
      where: { customerId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        kind: true,
        note: true,
        at: true,
        store: { select: { name: true } },
        user: { select: { name: true } },
      },
    }),
    db.consentEvent.findMany({
      where: { customerId },
      orderBy: [{ changedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, channel: true, granted: true, changedAt: true, source: true },
    }),
  ]);
  // Keys sort like the ids they carry (zero-padded), so equal times keep write order.
  const key = (prefix: string, id: bigint) => `${prefix}${id.toString().padStart(20, "0")}`;
  const fromTouchpoints: TimelineItem[] = touchpoints.map((t) =>
    t.kind === "CONTACT_CONFIRMED"
      ? {
          kind: "confirmation",
          key: key("t", t.id),
          at: t.at,
          fields: confirmedFieldsOf(t.note),
          store: t.store?.name ?? null,
          staff: t.user?.name ?? null,
        }
      : {
          kind: "touchpoint",
          key: key("t", t.id),
          at: t.at,
          touchpointKind: t.kind,
          note: t.note,
          store: t.store?.name ?? null,
          staff: t.user?.name ?? null,
        },
  );
  const fromConsents: TimelineItem[] = consents.map((e) => ({
    kind: "consent",
    key: key("c", e.id),
    at: e.changedAt,
    channel: e.channel,
    granted: e.granted,
    source: e.source,
  }));
  return mergeTimeline<TimelineItem>([fromTouchpoints, fromConsents], limit);
}
