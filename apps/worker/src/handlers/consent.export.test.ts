import { describe, expect, it } from "vitest";
import { consentExportDay } from "./consent.export.ts";

describe("consentExportDay", () => {
  it("takes yesterday in Seoul at the 01:00 Seoul run, whatever the host's zone", () => {
    // 2026-11-25 01:00 Seoul = 2026-11-24 16:00 UTC
    expect(consentExportDay(new Date("2026-11-24T16:00:00Z"))).toBe("2026-11-24");
    // 2026-11-24 23:59 Seoul still exports 2026-11-23
    expect(consentExportDay(new Date("2026-11-24T14:59:00Z"))).toBe("2026-11-23");
  });
});
