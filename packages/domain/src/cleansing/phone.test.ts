import { describe, expect, it } from "vitest";
import { cleansePhone, isMobilePhone } from "./phone.ts";

describe("cleansePhone", () => {
  it.each([
    "010-1234-5678",
    "01012345678",
    "010 1234 5678",
    "+82-10-1234-5678",
    "+821012345678",
    "+82 10 1234 5678",
    "+82-010-1234-5678",
    "0082-10-1234-5678",
    " 010.1234.5678 ",
  ])("reads %s as 010-1234-5678", (raw) => {
    expect(cleansePhone(raw)).toEqual({ value: "010-1234-5678" });
  });

  it("formats 10-digit mobiles 3-3-4", () => {
    expect(cleansePhone("0111234567")).toEqual({ value: "011-123-4567" });
  });

  it("keeps landlines valid with their area code", () => {
    expect(cleansePhone("02-123-4567")).toEqual({ value: "02-123-4567" });
    expect(cleansePhone("0212345678")).toEqual({ value: "02-1234-5678" });
    expect(cleansePhone("031-123-4567")).toEqual({ value: "031-123-4567" });
    expect(cleansePhone("03112345678")).toEqual({ value: "031-1234-5678" });
    expect(cleansePhone("+82-2-123-4567")).toEqual({ value: "02-123-4567" });
    expect(cleansePhone("064-123-4567")).toEqual({ value: "064-123-4567" });
  });

  it("tells mobiles from landlines", () => {
    expect(isMobilePhone("010-1234-5678")).toBe(true);
    expect(isMobilePhone("02-123-4567")).toBe(false);
  });

  it.each([
    "010-1234-56", // cut short (the generator's short_phone)
    "010123",
    "010-1234-56789", // 12 digits
    "070-1234-5678", // 070 is neither 01X nor 02–06X
    "080-123-4567",
    "1588-1234",
    "010-ABCD-5678",
    "02-12-345", // 7 digits
  ])("flags %s as invalid_phone with the raw value", (raw) => {
    expect(cleansePhone(raw)).toEqual({ finding: { kind: "invalid_phone", raw } });
  });

  it("treats blank as absent, not invalid", () => {
    expect(cleansePhone("")).toEqual({ value: null });
    expect(cleansePhone("  ")).toEqual({ value: null });
    expect(cleansePhone(null)).toEqual({ value: null });
  });
});
