import { describe, expect, it } from "vitest";
import { lookupFormSchema, parseLookupInput } from "./search-input.ts";

describe("parseLookupInput", () => {
  it("is idle on an empty form", () => {
    expect(parseLookupInput({})).toEqual({ kind: "idle" });
  });

  it("searches four digits with the name's first character", () => {
    expect(parseLookupInput({ key: "5678", name: "김" })).toEqual({
      kind: "search",
      key: { by: "last4+name", last4: "5678", namePrefix: "김" },
    });
  });

  it("drops spaces inside the name", () => {
    expect(parseLookupInput({ key: "5678", name: "김 지훈" })).toMatchObject({ key: { namePrefix: "김지훈" } });
  });

  it("refuses four digits without a name", () => {
    expect(parseLookupInput({ key: "5678" })).toEqual({ kind: "invalid", reason: "needName" });
  });

  it("refuses a name without a key (that would be browsing)", () => {
    expect(parseLookupInput({ name: "김" })).toEqual({ kind: "invalid", reason: "needKey" });
  });

  it("normalises a full mobile number however it is typed", () => {
    for (const key of ["01012345678", "010-1234-5678", "010 1234 5678", "010.1234.5678"]) {
      expect(parseLookupInput({ key })).toEqual({ kind: "search", key: { by: "phone", phone: "010-1234-5678" } });
    }
  });

  it("takes a scanned 16-digit card number as a card search", () => {
    expect(parseLookupInput({ key: "9410540000058511" })).toEqual({
      kind: "search",
      key: { by: "card", number: "9410540000058511" },
    });
  });

  it("takes a member number in any case", () => {
    expect(parseLookupInput({ key: "sm50000001" })).toEqual({
      kind: "search",
      key: { by: "card", number: "SM50000001" },
    });
  });

  it("refuses what is neither a phone, four digits nor a card", () => {
    expect(parseLookupInput({ key: "12" })).toEqual({ kind: "invalid", reason: "badKey" });
    expect(parseLookupInput({ key: "김지훈" })).toEqual({ kind: "invalid", reason: "badKey" });
  });
});

describe("lookupFormSchema", () => {
  it("treats repeated or oversized parameters as absent", () => {
    expect(lookupFormSchema.parse({ key: ["1", "2"], name: "x".repeat(80) })).toEqual({});
  });
});
