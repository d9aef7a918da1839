import { isResponse, responseWindow } from "../campaigns/response.ts";
import type { TimelineEntry } from "./timeline.ts";

/**
 * Campaign contacts and responses on the customer's contact timeline (issue 8: every contact,
 * response and exclusion lands in the contact history). Only final states are shown: a PLANNED or
 * CLAIMED contact has not happened yet. No message text and no provider error (it may quote the
 * address): the campaign, the channel and the outcome, and for an exclusion its reason code.
 */

export const TIMELINE_CONTACT_OUTCOMES = ["SENT", "FAILED", "EXCLUDED", "UNKNOWN"] as const;
export type TimelineContactOutcome = (typeof TIMELINE_CONTACT_OUTCOMES)[number];

export type CampaignContactRow = {
  id: bigint;
  campaignName: string;
  channel: string;
  status: string;
  exclusionReason: string | null;
  /** when it reached its final state */
  finishedAt: Date | null;
  dueAt: Date;
};

export type CampaignContactEntry = TimelineEntry<"campaign_contact"> & {
  campaign: string;
  channel: string;
  outcome: TimelineContactOutcome;
  /** EXCLUDED only: duplicate, no_consent, suppressed, … */
  reason: string | null;
};

export type CampaignResponseRow = {
  runId: bigint;
  campaignName: string;
  group: "TARGET" | "CONTROL";
  /** the batch's first send; null while the batch waits */
  windowStart: Date | null;
  windowDays: number;
  /** the first purchase with a positive net amount at or after windowStart, if any */
  firstPurchaseAt: Date | null;
};

export type CampaignResponseEntry = TimelineEntry<"campaign_response"> & { campaign: string };

const pad = (id: bigint) => id.toString().padStart(20, "0");

function isOutcome(status: string): status is TimelineContactOutcome {
  return (TIMELINE_CONTACT_OUTCOMES as readonly string[]).includes(status);
}

export function campaignContactEntries(rows: readonly CampaignContactRow[]): CampaignContactEntry[] {
  return rows.flatMap((r) =>
    isOutcome(r.status)
      ? [
          {
            kind: "campaign_contact" as const,
            key: `k${pad(r.id)}`,
            // An exclusion decided at planning has its finishedAt then; the due time is the fallback.
            at: r.finishedAt ?? r.dueAt,
            campaign: r.campaignName,
            channel: r.channel,
            outcome: r.status,
            reason: r.status === "EXCLUDED" ? r.exclusionReason : null,
          },
        ]
      : [],
  );
}

/**
 * A "responded" entry at the first purchase within a target member's window. Control members are
 * left out: they were never contacted, so to the person reading the timeline "responded to a
 * campaign" would be a campaign the customer never heard of.
 */
export function campaignResponseEntries(rows: readonly CampaignResponseRow[]): CampaignResponseEntry[] {
  return rows.flatMap((r) => {
    if (r.group !== "TARGET" || r.windowStart === null || r.firstPurchaseAt === null) return [];
    if (!isResponse(r.firstPurchaseAt, responseWindow(r.windowStart, r.windowDays))) return [];
    return [
      { kind: "campaign_response" as const, key: `r${pad(r.runId)}`, at: r.firstPurchaseAt, campaign: r.campaignName },
    ];
  });
}
