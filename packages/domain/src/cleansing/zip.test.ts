import { describe, expect, it } from "vitest";
import { cleanseZip } from "./zip.ts";

describe("cleanseZip", () => {
  it("accepts five digits, spaces and full-width digits tolerated", () => {
    expect(cleanseZip("06164")).toEqual({ value: "06164" });
    expect(cleanseZip(" 061 64 ")).toEqual({ value: "06164" });
    expect(cleanseZip("０６１６４")).toEqual({ value: "06164" });
  });

  it.each(["135-080", "6164", "061645", "0616A"])("flags %s (old 6-digit codes included)", (raw) => {
    expect(cleanseZip(raw)).toEqual({ finding: { kind: "invalid_zip", raw } });
  });

  it("treats blank as absent", () => {
    expect(cleanseZip("")).toEqual({ value: null });
  });
});
