import { describe, expect, it } from "vitest";
import { formatCount, formatKRW, formatSeoulDate, formatSeoulDateTime } from "./locale.ts";

describe("money and time formatting", () => {
  it("writes won with the ₩ sign and thousands separators, no decimals", () => {
    expect(formatKRW(1_234_000)).toBe("₩1,234,000");
    expect(formatKRW(-5_000.4, "en")).toBe("-₩5,000");
    expect(formatKRW(12_345_678_901n)).toBe("₩12,345,678,901");
  });

  it("formats counts per locale", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
  });

  it("shows Seoul's calendar day and clock whatever the server's zone", () => {
    const lateUtc = new Date("2026-03-01T16:30:00Z"); // 01:30 on 2 March in Seoul
    expect(formatSeoulDate(lateUtc)).toBe("2026-03-02");
    expect(formatSeoulDateTime(lateUtc)).toBe("2026-03-02 01:30");
  });
});
