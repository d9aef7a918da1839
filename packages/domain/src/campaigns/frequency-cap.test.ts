import { describe, expect, it } from "vitest";
import {
  DEFAULT_FREQUENCY_CAPS,
  dedupeContacts,
  frequencyCapsSchema,
  type RecentContact,
  withinCaps,
} from "./frequency-cap.ts";

const at = new Date("2026-11-24T03:00:00Z");
const daysBefore = (days: number, ms = 0) => new Date(at.getTime() - days * 86_400_000 + ms);
const contact = (channel: RecentContact["channel"], when: Date): RecentContact => ({ channel, at: when });

describe("withinCaps", () => {
  it("allows anyone with no contacts, under the default of 2 per 7 days on all channels", () => {
    expect(withinCaps([], "SMS", at)).toEqual({ ok: true });
  });

  it("allows the second contact in 7 days and blocks the third, across channels", () => {
    expect(withinCaps([contact("EMAIL", daysBefore(3))], "SMS", at)).toEqual({ ok: true });
    expect(withinCaps([contact("EMAIL", daysBefore(3)), contact("DM", daysBefore(1))], "SMS", at)).toEqual({
      ok: false,
      cap: DEFAULT_FREQUENCY_CAPS[0],
      count: 2,
    });
  });

  it("stops counting a contact exactly 7 days old, but counts one a millisecond younger", () => {
    const old = contact("SMS", daysBefore(7));
    expect(withinCaps([old, contact("SMS", daysBefore(1))], "SMS", at).ok).toBe(true);
    const younger = contact("SMS", daysBefore(7, 1));
    expect(withinCaps([younger, contact("SMS", daysBefore(1))], "SMS", at).ok).toBe(false);
  });

  it("counts contacts at the same instant or dated after the send", () => {
    expect(withinCaps([contact("SMS", at), contact("TM", new Date(at.getTime() + 60_000))], "EMAIL", at).ok).toBe(
      false,
    );
  });

  it("counts only its own channel for a per-channel cap, and ignores sends on other channels", () => {
    const caps = [{ channel: "SMS" as const, max: 1, days: 30 }];
    const recent = [contact("EMAIL", daysBefore(1)), contact("EMAIL", daysBefore(2))];
    expect(withinCaps(recent, "SMS", at, caps)).toEqual({ ok: true });
    expect(withinCaps([...recent, contact("SMS", daysBefore(20))], "SMS", at, caps)).toEqual({
      ok: false,
      cap: caps[0],
      count: 1,
    });
    expect(withinCaps([contact("SMS", daysBefore(1))], "EMAIL", at, caps)).toEqual({ ok: true });
  });

  it("needs every cap to hold and reports the first that blocks, in configuration order", () => {
    const caps = [
      { max: 5, days: 7 },
      { channel: "TM" as const, max: 0, days: 1 },
      { channel: "ALL" as const, max: 1, days: 1 },
    ];
    expect(withinCaps([], "TM", at, caps)).toEqual({ ok: false, cap: caps[1], count: 0 });
    expect(withinCaps([contact("DM", daysBefore(0, -1))], "SMS", at, caps)).toEqual({
      ok: false,
      cap: caps[2],
      count: 1,
    });
    expect(withinCaps([contact("DM", daysBefore(2))], "SMS", at, caps)).toEqual({ ok: true });
  });

  it("allows everything when no caps are configured", () => {
    expect(withinCaps([contact("SMS", at), contact("SMS", at)], "SMS", at, []).ok).toBe(true);
  });
});

describe("frequencyCapsSchema", () => {
  it("accepts the default and per-channel caps", () => {
    expect(frequencyCapsSchema.parse(DEFAULT_FREQUENCY_CAPS)).toEqual(DEFAULT_FREQUENCY_CAPS);
    expect(
      frequencyCapsSchema.parse([
        { channel: "TM", max: 0, days: 30 },
        { max: 4, days: 30 },
      ]),
    ).toHaveLength(2);
  });

  it("refuses an unknown channel, a fraction, a negative max and a zero-day window", () => {
    expect(frequencyCapsSchema.safeParse([{ channel: "FAX", max: 1, days: 7 }]).success).toBe(false);
    expect(frequencyCapsSchema.safeParse([{ channel: "NIGHT", max: 1, days: 7 }]).success).toBe(false);
    expect(frequencyCapsSchema.safeParse([{ max: 1.5, days: 7 }]).success).toBe(false);
    expect(frequencyCapsSchema.safeParse([{ max: -1, days: 7 }]).success).toBe(false);
    expect(frequencyCapsSchema.safeParse([{ max: 1, days: 0 }]).success).toBe(false);
    expect(frequencyCapsSchema.safeParse([{ max: 1, days: 7, extra: true }]).success).toBe(false);
  });
});

describe("dedupeContacts", () => {
  it("keeps the first contact per customer and channel and reports the rest as dropped", () => {
    const planned = [
      { customerId: 1n, channel: "SMS" as const, via: "segment A" },
      { customerId: 2n, channel: "SMS" as const, via: "segment A" },
      { customerId: 1n, channel: "EMAIL" as const, via: "segment A" },
      { customerId: 1n, channel: "SMS" as const, via: "join duplicate" },
      { customerId: 1n, channel: "SMS" as const, via: "another" },
    ];
    const { kept, dropped } = dedupeContacts(planned);
    expect(kept).toEqual([planned[0], planned[1], planned[2]]);
    expect(dropped).toEqual([planned[3], planned[4]]);
  });

  it("treats the same id given as text or number as the same customer", () => {
    const { kept, dropped } = dedupeContacts([
      { customerId: "42", channel: "DM" },
      { customerId: 42, channel: "DM" },
    ]);
    expect(kept).toHaveLength(1);
    expect(dropped).toHaveLength(1);
  });

  it("returns two empty lists for an empty plan", () => {
    expect(dedupeContacts([])).toEqual({ kept: [], dropped: [] });
  });
});
