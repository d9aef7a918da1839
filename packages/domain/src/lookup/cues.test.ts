import { describe, expect, it } from "vitest";
import { buildCues, type CueInput } from "./cues.ts";

const base: CueInput = {
  lifecycleStage: "active",
  medianIntervalDays: 9.4,
  daysSinceLastPurchase: 4,
  topCategory: "신선식품",
  dueNow: false,
  dueCategory: null,
  upgrade: null,
  downgradeRisk: false,
  heldTier: "SILVER",
  expiringPoints: 0,
  inviteFormats: [],
};

describe("buildCues", () => {
  it("calls an active customer with a short rhythm a regular, with their main category", () => {
    expect(buildCues(base)).toEqual([{ kind: "regular", everyDays: 9, category: "신선식품" }]);
  });

  it("adds the tier gap when the next tier is within reach", () => {
    const cues = buildCues({ ...base, upgrade: { tier: "GOLD", spendGap: 120_000, visitsGap: 0 } });
    expect(cues).toEqual([
      { kind: "regular", everyDays: 9, category: "신선식품" },
      { kind: "tierGap", tier: "GOLD", spendGap: 120_000, visitsGap: 0 },
    ]);
  });

  it("puts expiring points before the tier gap", () => {
    const cues = buildCues({
      ...base,
      expiringPoints: 3_200,
      upgrade: { tier: "GOLD", spendGap: 120_000, visitsGap: 0 },
    });
    expect(cues.map((c) => c.kind)).toEqual(["regular", "pointsExpiring"]);
  });

  it("ignores a handful of expiring points", () => {
    expect(buildCues({ ...base, expiringPoints: 999 }).map((c) => c.kind)).toEqual(["regular"]);
  });

  it("does not call a monthly-or-rarer shopper a regular", () => {
    expect(buildCues({ ...base, medianIntervalDays: 45 })).toEqual([]);
  });

  it("welcomes back a lapsed customer with the days since the last purchase", () => {
    expect(buildCues({ ...base, lifecycleStage: "dormant", daysSinceLastPurchase: 120 })).toEqual([
      { kind: "welcomeBack", daysSince: 120 },
    ]);
  });

  it("greets a new customer", () => {
    expect(buildCues({ ...base, lifecycleStage: "new", medianIntervalDays: null })[0]).toEqual({ kind: "new" });
  });

  it("uses two mention cues when no who cue applies", () => {
    const cues = buildCues({
      ...base,
      medianIntervalDays: null,
      downgradeRisk: true,
      dueNow: true,
      dueCategory: "과일",
      inviteFormats: ["DPT"],
    });
    expect(cues).toEqual([
      { kind: "keepTier", tier: "SILVER" },
      { kind: "due", category: "과일" },
    ]);
  });

  it("never returns more than two cues", () => {
    const cues = buildCues({
      ...base,
      expiringPoints: 5_000,
      downgradeRisk: true,
      dueNow: true,
      inviteFormats: ["SM"],
    });
    expect(cues).toHaveLength(2);
  });
});
