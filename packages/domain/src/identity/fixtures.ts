import type { MemberRecord } from "./types.ts";

/** A member record with sensible defaults, for tests. */
export function member(overrides: Partial<MemberRecord> & Pick<MemberRecord, "division" | "memberNo">): MemberRecord {
  return {
    name: "김민준",
    phone: "010-2345-6789",
    birthDate: "1985-03-07",
    email: "minjun85@naver.com",
    zip: "06164",
    address: "서울특별시 강남구 테헤란로 12 101동 202호",
    ciHash: null,
    changedAt: new Date("2025-01-01T00:00:00+09:00"),
    gender: "M",
    ...overrides,
  };
}
