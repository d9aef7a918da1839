import { describe, expect, it } from "vitest";
import { formatCombo, formatShares, haversineKm, invitationFormats, storeDistance } from "./formats.ts";

describe("formatShares and formatCombo", () => {
  it("shares positive spend and ignores a net-negative format", () => {
    expect(formatShares({ DPT: 300, MART: 100, SM: -50 })).toEqual({ DPT: 0.75, MART: 0.25, SM: 0 });
    expect(formatShares({ DPT: 0, MART: 0, SM: 0 })).toEqual({ DPT: 0, MART: 0, SM: 0 });
  });

  it("labels the combination in a fixed order", () => {
    expect(formatCombo(["SM", "MART"])).toBe("MART+SM");
    expect(formatCombo(["DPT"])).toBe("DPT");
    expect(formatCombo(["SM", "DPT", "MART"])).toBe("DPT+MART+SM");
    expect(formatCombo([])).toBe("NONE");
  });
});

describe("distances", () => {
  it("measures Seoul 중구 to 부산 해운대구 at about 325 km", () => {
    const km = haversineKm({ lat: 37.5641, lon: 126.9979 }, { lat: 35.1695, lon: 129.1747 });
    expect(km).toBeGreaterThan(320);
    expect(km).toBeLessThan(330);
  });

  it("falls back to the 시/도 when a coordinate is missing", () => {
    const home = { sido: "서울특별시", sigungu: "중구", lat: null, lon: null };
    expect(storeDistance(home, { sido: "부산광역시", sigungu: "해운대구", lat: 35.17, lon: 129.17 })).toEqual({
      distant: true,
      km: undefined,
    });
    expect(
      storeDistance({ ...home, sido: null }, { sido: "부산광역시", sigungu: null, lat: null, lon: null }),
    ).toBeUndefined();
    const near = storeDistance({ ...home, lat: 37.5641, lon: 126.9979 }, { ...home, lat: 37.5172, lon: 127.0473 });
    expect(near?.distant).toBe(false);
  });
});

describe("invitationFormats", () => {
  it("invites engaged regulars to the formats they do not use; DPT only for spenders", () => {
    const input = { used: new Set(["MART" as const]), visits12m: 10, spend12m: 500_000, engaged: true };
    expect(invitationFormats(input)).toEqual(["SM"]);
    expect(invitationFormats({ ...input, spend12m: 1_000_000 })).toEqual(["DPT", "SM"]);
    expect(invitationFormats({ ...input, visits12m: 3 })).toEqual([]);
    expect(invitationFormats({ ...input, engaged: false })).toEqual([]);
  });
});
