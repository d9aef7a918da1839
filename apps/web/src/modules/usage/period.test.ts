import { describe, expect, it } from "vitest";
import { usagePeriodOf } from "./period.ts";

describe("usagePeriodOf", () => {
  it("takes 7, 30 or 90 days from the URL and 30 for anything else", () => {
    expect(usagePeriodOf({ days: "7" })).toBe(7);
    expect(usagePeriodOf({ days: "90" })).toBe(90);
    expect(usagePeriodOf({})).toBe(30);
    expect(usagePeriodOf({ days: "365" })).toBe(30);
    expect(usagePeriodOf({ days: ["7", "90"] })).toBe(30);
  });
});
