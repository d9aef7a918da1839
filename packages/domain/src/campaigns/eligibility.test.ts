import { describe, expect, it } from "vitest";
import type { ConsentEvent } from "./consent.ts";
import { countExclusions, EXCLUSION_REASONS, type SendCheckInput, sendEligibility } from "./eligibility.ts";

const kst = (local: string) => new Date(`${local}+09:00`);
const grant = (channel: ConsentEvent["channel"], at = "2026-01-01T00:00:00Z"): ConsentEvent => ({
  channel,
  granted: true,
  changedAt: new Date(at),
  source: "DPT",
});

const base: SendCheckInput = {
  channel: "SMS",
  consentEvents: [grant("SMS")],
  hasAddress: true,
  addressValid: true,
  suppressed: false,
  duplicate: false,
  at: kst("2026-11-24T10:00:00"),
  recentContacts: [],
};

describe("sendEligibility", () => {
  it("lets a consenting, reachable customer's daytime send go at the planned time", () => {
    expect(sendEligibility(base)).toEqual({ ok: true, sendAt: kst("2026-11-24T10:00:00") });
  });

  it("excludes a customer without consent on the channel (another channel's consent does not count)", () => {
    expect(sendEligibility({ ...base, consentEvents: [grant("EMAIL"), grant("NIGHT")] })).toEqual({
      ok: false,
      reason: "no_consent",
    });
    expect(sendEligibility({ ...base, consentEvents: [] })).toEqual({ ok: false, reason: "no_consent" });
  });

  it("honours an opt-out taken after the campaign was planned", () => {
    const optOut: ConsentEvent = {
      channel: "SMS",
      granted: false,
      changedAt: kst("2026-11-24T09:59:00"),
      source: "OPTOUT_080",
    };
    expect(sendEligibility({ ...base, consentEvents: [grant("SMS"), optOut] })).toEqual({
      ok: false,
      reason: "no_consent",
    });
  });

  it("excludes suppressed customers, missing and invalid addresses, and capped customers", () => {
    expect(sendEligibility({ ...base, suppressed: true })).toEqual({ ok: false, reason: "suppressed" });
    expect(sendEligibility({ ...base, hasAddress: false })).toEqual({ ok: false, reason: "no_address" });
    expect(sendEligibility({ ...base, addressValid: false })).toEqual({ ok: false, reason: "invalid_address" });
    const recentContacts = [
      { channel: "EMAIL" as const, at: kst("2026-11-20T10:00:00") },
      { channel: "SMS" as const, at: kst("2026-11-22T10:00:00") },
    ];
    expect(sendEligibility({ ...base, recentContacts })).toEqual({ ok: false, reason: "frequency_cap" });
    expect(sendEligibility({ ...base, recentContacts, caps: [{ max: 3, days: 7 }] }).ok).toBe(true);
  });

  it("gives one reason per contact, the first in EXCLUSION_REASONS order", () => {
    const everything: SendCheckInput = {
      ...base,
      consentEvents: [],
      hasAddress: false,
      addressValid: false,
      suppressed: true,
      duplicate: true,
      recentContacts: Array.from({ length: 3 }, () => ({ channel: "SMS" as const, at: base.at })),
    };
    expect(sendEligibility(everything)).toEqual({ ok: false, reason: "duplicate" });
    expect(sendEligibility({ ...everything, duplicate: false })).toEqual({ ok: false, reason: "no_consent" });
    expect(sendEligibility({ ...everything, duplicate: false, consentEvents: [grant("SMS")] })).toEqual({
      ok: false,
      reason: "suppressed",
    });
    expect(
      sendEligibility({ ...everything, duplicate: false, consentEvents: [grant("SMS")], suppressed: false }),
    ).toEqual({ ok: false, reason: "no_address" });
  });

  it("holds a night-time SMS until 08:00 without night consent and sends it at once with it", () => {
    const night = { ...base, at: kst("2026-11-24T23:30:00") };
    expect(sendEligibility(night)).toEqual({ ok: true, sendAt: kst("2026-11-25T08:00:00") });
    expect(sendEligibility({ ...night, consentEvents: [grant("SMS"), grant("NIGHT")] })).toEqual({
      ok: true,
      sendAt: kst("2026-11-24T23:30:00"),
    });
  });

  it("does not hold post (DM) at night", () => {
    const dm = { ...base, channel: "DM" as const, consentEvents: [grant("DM")], at: kst("2026-11-24T23:30:00") };
    expect(sendEligibility(dm)).toEqual({ ok: true, sendAt: kst("2026-11-24T23:30:00") });
  });

  it("checks the cap at the held send time, when an old contact has dropped out of the window", () => {
    // Two contacts: one 7 days before 23:30 tonight is still in, but is exactly 7 days before 08:00 tomorrow.
    const recentContacts = [
      { channel: "SMS" as const, at: kst("2026-11-18T08:00:00") },
      { channel: "SMS" as const, at: kst("2026-11-22T12:00:00") },
    ];
    const night = { ...base, at: kst("2026-11-24T23:30:00"), recentContacts };
    expect(sendEligibility(night)).toEqual({ ok: true, sendAt: kst("2026-11-25T08:00:00") });
    expect(sendEligibility({ ...night, consentEvents: [grant("SMS"), grant("NIGHT")] })).toEqual({
      ok: false,
      reason: "frequency_cap",
    });
  });
});

describe("countExclusions", () => {
  it("counts by reason with every reason present, zero included", () => {
    const counts = countExclusions(["no_consent", "duplicate", "no_consent"]);
    expect(counts).toEqual({
      duplicate: 1,
      no_consent: 2,
      suppressed: 0,
      no_address: 0,
      invalid_address: 0,
      frequency_cap: 0,
    });
    expect(Object.keys(counts)).toEqual([...EXCLUSION_REASONS]);
  });

  it("is all zeros for no exclusions", () => {
    expect(Object.values(countExclusions([]))).toEqual(EXCLUSION_REASONS.map(() => 0));
  });
});
