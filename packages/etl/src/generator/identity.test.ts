import { describe, expect, it } from "vitest";
import { cardNumber, ciFor, formatPhone, isValidLuhn, memberNumber, personOf, typoName } from "./identity.ts";
import { Rng } from "./random.ts";

describe("identity", () => {
  it("writes one mobile number in the five shapes feeds.md lists", () => {
    const digits = "01012345678";
    expect(formatPhone(digits, "dashed")).toBe("010-1234-5678");
    expect(formatPhone(digits, "digits")).toBe("01012345678");
    expect(formatPhone(digits, "spaced")).toBe("010 1234 5678");
    expect(formatPhone(digits, "intl-dashed")).toBe("+82-10-1234-5678");
    expect(formatPhone(digits, "intl")).toBe("+821012345678");
    expect(formatPhone("021234567", "intl")).toBe("02-123-4567");
  });

  it("issues CIs of 88 Base64 characters", () => {
    expect(ciFor(new Rng(1))).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  it("gives the same person the same identity every time", () => {
    expect(personOf(5, 123, 2025)).toEqual(personOf(5, 123, 2025));
    expect(personOf(5, 123, 2025).name).toMatch(/^[가-힣]{2,4}$/);
  });

  it("mistypes exactly one syllable of the given name", () => {
    const rng = new Rng(4);
    for (const name of ["김민준", "이세연", "박지우", "최영희"]) {
      const typo = typoName(name, rng);
      expect(typo).not.toBe(name);
      expect(typo[0]).toBe(name[0]);
      expect([...typo].filter((c, i) => c !== name[i])).toHaveLength(1);
    }
  });

  it("scatters member and card numbers without collisions, in each division's shape", () => {
    const numbers = new Set<string>();
    for (let i = 0; i < 5_000; i++) numbers.add(memberNumber("DPT", i, 1));
    expect(numbers.size).toBe(5_000);
    expect(memberNumber("DPT", 0, 1)).toMatch(/^D\d{9}$/);
    const card = cardNumber("MART", 42, 1);
    expect(card).toMatch(/^9420\d{12}$/);
    expect(isValidLuhn(card)).toBe(true);
  });
});
