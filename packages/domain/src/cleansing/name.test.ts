import { describe, expect, it } from "vitest";
import { cleanseName } from "./name.ts";

describe("cleanseName", () => {
  it("trims and removes spaces inside Hangul names", () => {
    expect(cleanseName("  김 민준 ")).toEqual({ value: "김민준" });
    expect(cleanseName("김\u3000민준")).toEqual({ value: "김민준" });
  });

  it("composes decomposed Hangul (NFD from macOS input) to NFC", () => {
    const nfd = "김민준".normalize("NFD");
    expect(nfd).not.toBe("김민준");
    expect(cleanseName(nfd)).toEqual({ value: "김민준" });
  });

  it("turns full-width Latin into ASCII and keeps one space between Latin words", () => {
    expect(cleanseName("ＪＯＨＮ　  ＳＭＩＴＨ")).toEqual({ value: "JOHN SMITH" });
  });

  it("drops zero-width characters", () => {
    expect(cleanseName("김\u200b민준")).toEqual({ value: "김민준" });
  });

  it("flags digits and symbols", () => {
    expect(cleanseName("김민준2")).toEqual({ finding: { kind: "invalid_name", raw: "김민준2" } });
    expect(cleanseName("test@x")).toEqual({ finding: { kind: "invalid_name", raw: "test@x" } });
  });

  it("treats blank as absent", () => {
    expect(cleanseName(" ")).toEqual({ value: null });
    expect(cleanseName(undefined)).toEqual({ value: null });
  });
});
