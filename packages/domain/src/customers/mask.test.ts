import { describe, expect, it } from "vitest";
import { formatPhone, maskName, maskPhone } from "./mask.ts";

describe("maskName", () => {
  it("keeps the first and last syllable of a three-syllable name", () => {
    expect(maskName("김지훈")).toBe("김*훈");
  });

  it("masks the second syllable of a two-syllable name", () => {
    expect(maskName("이훈")).toBe("이*");
  });

  it("masks every middle syllable of a longer name", () => {
    expect(maskName("남궁민수")).toBe("남**수");
  });
});

describe("maskPhone", () => {
  it("shows only the prefix and the last four digits", () => {
    expect(maskPhone("010-1234-5678")).toBe("010-****-5678");
    expect(maskPhone("01012345678")).toBe("010-****-5678");
  });
});

describe("formatPhone", () => {
  it("adds the dashes to an eleven-digit mobile number", () => {
    expect(formatPhone("01012345678")).toBe("010-1234-5678");
  });
});
