import { describe, expect, it } from "vitest";
import { compareCodePoints } from "./code-point.ts";

describe("compareCodePoints", () => {
  it("orders by code point where UTF-16 code units disagree", () => {
    // U+1F34E (an astral apple) is above U+FF21 (fullwidth A), though its first code unit is lower.
    expect("🍎" < "Ａ").toBe(true);
    expect(["🍎", "Ａ", "우유", "a"].sort(compareCodePoints)).toEqual(["a", "우유", "Ａ", "🍎"]);
  });

  it("puts a prefix before the longer string", () => {
    expect(compareCodePoints("milk", "milk tea")).toBeLessThan(0);
    expect(compareCodePoints("same", "same")).toBe(0);
  });
});
