import { describe, expect, it } from "vitest";
import { campaignContactEntries, campaignResponseEntries } from "./campaign-timeline.ts";
import { mergeTimeline } from "./timeline.ts";

const t = (iso: string) => new Date(iso);
const row = (
  id: bigint,
  status: string,
  extra: Partial<Parameters<typeof campaignContactEntries>[0][number]> = {},
) => ({
  id,
  campaignName: "휴면 고객 재방문",
  channel: "SMS",
  status,
  exclusionReason: null,
  finishedAt: t("2026-03-02T01:00:00Z"),
  dueAt: t("2026-03-02T00:00:00Z"),
  ...extra,
});

describe("campaignContactEntries", () => {
  it("shows sent, failed, excluded and unknown contacts, and hides planned and claimed ones", () => {
    const entries = campaignContactEntries([
      row(1n, "SENT"),
      row(2n, "FAILED"),
      row(3n, "EXCLUDED", { exclusionReason: "no_consent" }),
      row(4n, "UNKNOWN"),
      row(5n, "PLANNED", { finishedAt: null }),
      row(6n, "CLAIMED", { finishedAt: null }),
    ]);
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ["SENT", null],
      ["FAILED", null],
      ["EXCLUDED", "no_consent"],
      ["UNKNOWN", null],
    ]);
    expect(entries[0]).toMatchObject({ kind: "campaign_contact", campaign: "휴면 고객 재방문", channel: "SMS" });
  });

  it("places a contact without a finish time at its due time", () => {
    const [entry] = campaignContactEntries([row(7n, "EXCLUDED", { finishedAt: null, exclusionReason: "suppressed" })]);
    expect(entry?.at.toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });

  it("keeps only the reason code of an exclusion, never of a failure", () => {
    const [entry] = campaignContactEntries([row(8n, "FAILED", { exclusionReason: "stale" })]);
    expect(entry?.reason).toBeNull();
  });
});

describe("campaignResponseEntries", () => {
  const base = {
    runId: 9n,
    campaignName: "구매주기 알림",
    group: "TARGET" as const,
    windowStart: t("2026-03-02T01:00:00Z"),
    windowDays: 7,
    firstPurchaseAt: t("2026-03-04T05:00:00Z"),
  };

  it("records a target member's first purchase within the window", () => {
    expect(campaignResponseEntries([base])).toEqual([
      { kind: "campaign_response", key: "r00000000000000000009", at: base.firstPurchaseAt, campaign: "구매주기 알림" },
    ]);
  });

  it("ignores control members, unsent batches and purchases at or after the window's end", () => {
    expect(
      campaignResponseEntries([
        { ...base, group: "CONTROL" },
        { ...base, windowStart: null },
        { ...base, firstPurchaseAt: null },
        { ...base, firstPurchaseAt: t("2026-03-09T01:00:00Z") },
        { ...base, firstPurchaseAt: t("2026-03-02T00:59:59Z") },
      ]),
    ).toEqual([]);
  });

  it("merges with the other timeline sources newest first", () => {
    const merged = mergeTimeline<{ kind: string; key: string; at: Date }>(
      [campaignContactEntries([row(1n, "SENT")]), campaignResponseEntries([base])],
      10,
    );
    expect(merged.map((e) => e.kind)).toEqual(["campaign_response", "campaign_contact"]);
  });
});
