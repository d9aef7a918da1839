import { describe, expect, it } from "vitest";
import { checkPasswordPolicy } from "./password-policy.ts";

describe("checkPasswordPolicy", () => {
  it("accepts ten characters", () => {
    expect(checkPasswordPolicy("abcdefghij")).toEqual({ ok: true });
  });

  it("refuses nine characters with a sentence naming the minimum", () => {
    const result = checkPasswordPolicy("abcdefghi");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/at least 10/);
  });

  it("refuses a password of only spaces", () => {
    expect(checkPasswordPolicy(" ".repeat(12)).ok).toBe(false);
  });
});
