import { getPrisma } from "@dangol/db/client";
import {
  type CampaignContactEntry,
  type CampaignResponseEntry,
  campaignContactEntries,
  campaignResponseEntries,
  confirmedFieldsOf,
  mergeTimeline,
  type TimelineEntry,
} from "@dangol/domain/contacts";

export type TimelineItem =
  | (TimelineEntry<"touchpoint"> & {
      touchpointKind: string;
      note: string | null;
      store: string | null;
      staff: string | null;
    })
  | (TimelineEntry<"confirmation"> & { fields: string[]; store: string | null; staff: string | null })
  | (TimelineEntry<"consent"> & { channel: string; granted: boolean; source: string })
  | CampaignContactEntry
  | CampaignResponseEntry;

export const TIMELINE_LIMIT = 50;

/**
 * The newest TIMELINE_LIMIT entries of the customer's contact history: each source is read newest
 * first on its (customer_id, time) index and cut at the limit, then merged.
 */
export async function loadTimeline(customerId: bigint, limit = TIMELINE_LIMIT): Promise<TimelineItem[]> {
  const db = getPrisma();
  const [touchpoints, consents, campaignContacts, campaignResponses] = await Promise.all([
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
    // Final states only, on the (customer_id, finished_at) index; no text, address or provider error.
    db.$queryRaw<
      {
        id: bigint;
        campaign_name: string;
        channel: string;
        status: string;
        exclusion_reason: string | null;
        finished_at: Date | null;
        due_at: Date;
      }[]
    >`
      SELECT k.id, c.name AS campaign_name, k.channel::text AS channel, k.status::text AS status,
             k.exclusion_reason, k.finished_at, k.due_at
        FROM campaign_contact k JOIN campaign c ON c.id = k.campaign_id
       WHERE k.customer_id = ${customerId} AND k.finished_at IS NOT NULL
         AND k.status IN ('SENT', 'FAILED', 'EXCLUDED', 'UNKNOWN')
       ORDER BY k.finished_at DESC, k.id DESC
       LIMIT ${limit}`,
    // The first purchase in each sent target membership's window (receipt (customer_id, sold_at)).
    db.$queryRaw<
      {
        run_id: bigint;
        campaign_name: string;
        window_start: Date;
        window_days: number;
        first_purchase_at: Date | null;
      }[]
    >`
      SELECT m.run_id, c.name AS campaign_name, b.sent_at AS window_start,
             analytics.campaign_window_days(r.definition) AS window_days,
             (SELECT min(rc.sold_at) FROM receipt rc
               WHERE rc.customer_id = m.customer_id AND rc.net_amount > 0 AND rc.sold_at >= b.sent_at
                 AND rc.sold_at < b.sent_at + make_interval(days => analytics.campaign_window_days(r.definition)))
               AS first_purchase_at
        FROM campaign_member m
        JOIN campaign_run r ON r.id = m.run_id
        JOIN campaign c ON c.id = m.campaign_id
        JOIN campaign_batch b ON b.run_id = m.run_id AND b.batch_no = m.batch_no
       WHERE m.customer_id = ${customerId} AND m."group" = 'TARGET' AND b.sent_at IS NOT NULL
       ORDER BY b.sent_at DESC
       LIMIT ${limit}`,
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
  const fromCampaigns: TimelineItem[] = campaignContactEntries(
    campaignContacts.map((k) => ({
      id: k.id,
      campaignName: k.campaign_name,
      channel: k.channel,
      status: k.status,
      exclusionReason: k.exclusion_reason,
      finishedAt: k.finished_at,
      dueAt: k.due_at,
    })),
  );
  const fromResponses: TimelineItem[] = campaignResponseEntries(
    campaignResponses.map((m) => ({
      runId: m.run_id,
      campaignName: m.campaign_name,
      group: "TARGET" as const,
      windowStart: m.window_start,
      windowDays: m.window_days,
      firstPurchaseAt: m.first_purchase_at,
    })),
  );
  return mergeTimeline<TimelineItem>([fromTouchpoints, fromConsents, fromCampaigns, fromResponses], limit);
}
