import { describe, expect, it } from "vitest";
import { formatStoreRef, parseStoreRef } from "./store-ref.ts";

describe("parseStoreRef", () => {
  it("reads DIVISION:CODE, division case-insensitive", () => {
    expect(parseStoreRef("MART:M012")).toEqual({ ok: true, value: { division: "MART", code: "M012" } });
    expect(parseStoreRef(" dpt:D001 ")).toEqual({ ok: true, value: { division: "DPT", code: "D001" } });
  });

  it("names what is wrong", () => {
    expect(parseStoreRef("M012")).toEqual({ ok: false, error: expect.stringContaining("DIVISION:CODE") });
    expect(parseStoreRef("CAFE:C1")).toEqual({ ok: false, error: expect.stringContaining('unknown division "CAFE"') });
  });

  it("round-trips", () => {
    expect(formatStoreRef({ division: "SM", code: "S003" })).toBe("SM:S003");
  });
});
