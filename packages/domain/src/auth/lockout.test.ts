import { describe, expect, it } from "vitest";
import { afterFailedLogin, isLocked, LOCKOUT_MINUTES } from "./lockout.ts";

const now = new Date("2026-11-24T00:00:00Z");

describe("afterFailedLogin", () => {
  it("counts failures without locking below five", () => {
    expect(afterFailedLogin({ failedLogins: 3, lockedUntil: null }, now)).toEqual({
      failedLogins: 4,
      lockedUntil: null,
    });
  });

  it("locks for fifteen minutes on the fifth consecutive failure", () => {
    const next = afterFailedLogin({ failedLogins: 4, lockedUntil: null }, now);
    expect(next.failedLogins).toBe(5);
    expect(next.lockedUntil?.getTime()).toBe(now.getTime() + LOCKOUT_MINUTES * 60_000);
  });

  it("restarts the count after an expired lock", () => {
    const expired = new Date(now.getTime() - 1000);
    expect(afterFailedLogin({ failedLogins: 5, lockedUntil: expired }, now)).toEqual({
      failedLogins: 1,
      lockedUntil: null,
    });
  });
});

describe("isLocked", () => {
  it("is locked only while the lock lies in the future", () => {
    expect(isLocked(new Date(now.getTime() + 1), now)).toBe(true);
    expect(isLocked(new Date(now.getTime() - 1), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
