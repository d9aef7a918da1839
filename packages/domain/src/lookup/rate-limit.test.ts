import { describe, expect, it } from "vitest";
import { decideLookup, LOOKUP_LIMITS, lookupWindowStart } from "./rate-limit.ts";

const now = new Date("2026-11-24T06:00:00Z");

describe("decideLookup", () => {
  it("allows the 60th lookup in the window", () => {
    expect(decideLookup({ now, lockedUntil: null, recentLookups: 59 })).toEqual({ kind: "allow" });
  });

  it("refuses the 61st and locks for 15 minutes", () => {
    expect(decideLookup({ now, lockedUntil: null, recentLookups: 60 })).toEqual({
      kind: "exceeded",
      until: new Date("2026-11-24T06:15:00Z"),
    });
  });

  it("keeps refusing while locked, whatever the count", () => {
    const until = new Date("2026-11-24T06:10:00Z");
    expect(decideLookup({ now, lockedUntil: until, recentLookups: 0 })).toEqual({ kind: "locked", until });
  });

  it("allows again once the lock has passed (an admin unlock clears it earlier)", () => {
    expect(decideLookup({ now, lockedUntil: new Date("2026-11-24T05:59:59Z"), recentLookups: 3 })).toEqual({
      kind: "allow",
    });
  });

  it("honours other limits", () => {
    const limits = { ...LOOKUP_LIMITS, maxLookups: 2, lockMinutes: 1 };
    expect(decideLookup({ now, lockedUntil: null, recentLookups: 2 }, limits)).toMatchObject({ kind: "exceeded" });
  });
});

describe("lookupWindowStart", () => {
  it("is ten minutes back by default", () => {
    expect(lookupWindowStart(now)).toEqual(new Date("2026-11-24T05:50:00Z"));
  });
});
