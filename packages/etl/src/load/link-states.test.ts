import { describe, expect, it } from "vitest";
import { LinkStates } from "./link-states.ts";

describe("LinkStates", () => {
  it("gives back what was set, past many growths of its columns", () => {
    const links = new LinkStates();
    const changedAt = new Date("2025-12-18T09:30:00+09:00");
    for (let i = 0; i < 5000; i++)
      links.set(`DPT\u0000M${i}`, {
        customerId: String(1_000_000 + i),
        inferred: i % 7 === 0,
        withdrawnAt: null,
        changedAt,
      });
    expect(links.size).toBe(5000);
    expect(links.get("DPT\u0000M4999")).toEqual({
      customerId: "1004999",
      inferred: false,
      withdrawnAt: null,
      changedAt,
    });
    expect(links.get("DPT\u0000M7")?.inferred).toBe(true);
    expect(links.get("MART\u0000M7")).toBeUndefined();
  });

  it("keeps an undecided customer and missing times as such, and records a withdrawal", () => {
    const links = new LinkStates();
    links.set("SM\u0000A", { customerId: "", inferred: false, withdrawnAt: null, changedAt: null });
    expect(links.get("SM\u0000A")).toEqual({ customerId: "", inferred: false, withdrawnAt: null, changedAt: null });
    const at = new Date("2025-12-19T00:00:00Z");
    links.markWithdrawn("SM\u0000A", at);
    links.markWithdrawn("SM\u0000unknown", at);
    expect(links.get("SM\u0000A")?.withdrawnAt).toEqual(at);
    expect(links.size).toBe(1);
    // A snapshot: changing it does not change the store.
    links.get("SM\u0000A")!.withdrawnAt = null;
    expect(links.get("SM\u0000A")?.withdrawnAt).toEqual(at);
  });
});
