import { describe, expect, it } from "vitest";
import { type ConsentEvent, effectiveConsent, isDangolOptOut } from "./consent.ts";

const ev = (granted: boolean, changedAt: string, source: string, channel: ConsentEvent["channel"] = "SMS") => ({
  channel,
  granted,
  changedAt: new Date(changedAt),
  source,
});

describe("effectiveConsent", () => {
  it("is no consent when the channel has no events", () => {
    expect(effectiveConsent([], "SMS")).toEqual({ granted: false, decidedBy: null });
    expect(effectiveConsent([ev(true, "2026-01-01T00:00:00Z", "DPT", "EMAIL")], "SMS")).toEqual({
      granted: false,
      decidedBy: null,
    });
  });

  it("lets the most recent change win when divisions disagree, whatever the input order", () => {
    const optOut = ev(false, "2026-03-01T00:00:00Z", "MART");
    const grant = ev(true, "2026-03-02T00:00:00Z", "DPT");
    expect(effectiveConsent([grant, optOut], "SMS")).toEqual({ granted: true, decidedBy: grant });
    expect(effectiveConsent([optOut, grant], "SMS")).toEqual({ granted: true, decidedBy: grant });
    const laterOptOut = ev(false, "2026-03-03T00:00:00Z", "SM");
    expect(effectiveConsent([grant, laterOptOut, optOut], "SMS")).toEqual({ granted: false, decidedBy: laterOptOut });
  });

  it("keeps channels apart: an e-mail opt-out does not touch SMS", () => {
    const events = [ev(true, "2026-03-01T00:00:00Z", "DPT"), ev(false, "2026-03-05T00:00:00Z", "UNSUBSCRIBE", "EMAIL")];
    expect(effectiveConsent(events, "SMS").granted).toBe(true);
    expect(effectiveConsent(events, "EMAIL").granted).toBe(false);
  });

  it("keeps a Dangol opt-out against a division re-reporting an older grant", () => {
    const optOut = ev(false, "2026-05-10T12:00:00Z", "OPTOUT_080");
    // the division's daily feed keeps sending the grant the customer gave back in April
    const oldGrant = ev(true, "2026-04-01T00:00:00Z", "DPT");
    expect(effectiveConsent([optOut, oldGrant, oldGrant], "SMS")).toEqual({ granted: false, decidedBy: optOut });
  });

  it("keeps a Dangol opt-out against a grant at the very same instant", () => {
    const optOut = ev(false, "2026-05-10T12:00:00.000Z", "DANGOL_STORE");
    const sameTime = ev(true, "2026-05-10T12:00:00.000Z", "MART");
    expect(effectiveConsent([sameTime, optOut], "SMS")).toEqual({ granted: false, decidedBy: optOut });
    expect(effectiveConsent([optOut, sameTime], "SMS")).toEqual({ granted: false, decidedBy: optOut });
  });

  it("lets an opt-in one millisecond newer than a Dangol opt-out revive the customer", () => {
    const optOut = ev(false, "2026-05-10T12:00:00.000Z", "UNSUBSCRIBE", "EMAIL");
    const newer = ev(true, "2026-05-10T12:00:00.001Z", "SM", "EMAIL");
    expect(effectiveConsent([optOut, newer], "EMAIL")).toEqual({ granted: true, decidedBy: newer });
  });

  it("gives a same-instant tie between two divisions to the opt-out", () => {
    const grant = ev(true, "2026-06-01T00:00:00Z", "DPT");
    const optOut = ev(false, "2026-06-01T00:00:00Z", "SM");
    expect(effectiveConsent([grant, optOut], "SMS").decidedBy).toBe(optOut);
    expect(effectiveConsent([optOut, grant], "SMS").decidedBy).toBe(optOut);
  });

  it("names Dangol's own opt-out as the decider when it ties with a division's", () => {
    const division = ev(false, "2026-06-01T00:00:00Z", "MART");
    const dangol = ev(false, "2026-06-01T00:00:00Z", "OPTOUT_080");
    expect(effectiveConsent([division, dangol], "SMS").decidedBy).toBe(dangol);
    expect(effectiveConsent([dangol, division], "SMS").decidedBy).toBe(dangol);
  });

  it("reads the NIGHT consent like any other channel", () => {
    const events = [
      ev(true, "2026-01-01T00:00:00Z", "DPT", "NIGHT"),
      ev(false, "2026-02-01T00:00:00Z", "DPT", "NIGHT"),
    ];
    expect(effectiveConsent(events, "NIGHT").granted).toBe(false);
  });

  it("never lets an event with an unreadable date count as the latest", () => {
    const broken = ev(true, "not a date", "DPT");
    const optOut = ev(false, "2026-01-01T00:00:00Z", "DPT");
    expect(effectiveConsent([broken, optOut], "SMS")).toEqual({ granted: false, decidedBy: optOut });
    expect(effectiveConsent([optOut, broken], "SMS")).toEqual({ granted: false, decidedBy: optOut });
  });

  it("returns the caller's own event object, extra fields included", () => {
    const grant = { ...ev(true, "2026-01-01T00:00:00Z", "DPT"), sourceRef: "M-123" };
    expect(effectiveConsent([grant], "SMS").decidedBy?.sourceRef).toBe("M-123");
  });
});

describe("isDangolOptOut", () => {
  it("is true only for opt-outs from Dangol's own sources", () => {
    expect(isDangolOptOut(ev(false, "2026-01-01T00:00:00Z", "DANGOL_STORE"))).toBe(true);
    expect(isDangolOptOut(ev(false, "2026-01-01T00:00:00Z", "UNSUBSCRIBE"))).toBe(true);
    expect(isDangolOptOut(ev(false, "2026-01-01T00:00:00Z", "OPTOUT_080"))).toBe(true);
    expect(isDangolOptOut(ev(true, "2026-01-01T00:00:00Z", "DANGOL_STORE"))).toBe(false);
    expect(isDangolOptOut(ev(false, "2026-01-01T00:00:00Z", "DPT"))).toBe(false);
  });
});
