import { describe, expect, it } from "vitest";
import { cumulativeResponse, isResponse, type ResponseWindow, responseWindow } from "./response.ts";

// Seoul has no DST: +09:00 all year, so 24 h after 20:00 KST is always 20:00 KST the next day.
const sendAt = new Date("2026-11-24T20:00:00+09:00");

describe("responseWindow", () => {
  it("opens at the send instant and closes days × 24 h later", () => {
    expect(responseWindow(sendAt, 7)).toEqual({
      from: new Date("2026-11-24T20:00:00+09:00"),
      to: new Date("2026-12-01T20:00:00+09:00"),
    });
  });

  it("copies the send date, so changing the window does not move the send", () => {
    const w = responseWindow(sendAt, 1);
    w.from.setTime(0);
    expect(sendAt.getTime()).toBe(Date.parse("2026-11-24T11:00:00Z"));
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %s days", (days) => {
    expect(() => responseWindow(sendAt, days)).toThrow(RangeError);
  });

  it("refuses an invalid send date", () => {
    expect(() => responseWindow(new Date("nope"), 7)).toThrow(RangeError);
  });
});

describe("isResponse", () => {
  const w = responseWindow(sendAt, 7);

  it("counts a purchase at the send instant and one a millisecond before the window closes", () => {
    expect(isResponse(new Date("2026-11-24T20:00:00+09:00"), w)).toBe(true);
    expect(isResponse(new Date(w.to.getTime() - 1), w)).toBe(true);
  });

  it("does not count a purchase before the send or at the closing instant", () => {
    expect(isResponse(new Date("2026-11-24T19:59:59.999+09:00"), w)).toBe(false);
    expect(isResponse(new Date("2026-12-01T20:00:00+09:00"), w)).toBe(false);
  });
});

describe("cumulativeResponse", () => {
  // Two batches: t1, t2, c1 sent (or would have been) at 20:00 KST on the 24th; t3, t4, c2 at 10:00 on the 25th.
  const batch1 = new Date("2026-11-24T20:00:00+09:00");
  const batch2 = new Date("2026-11-25T10:00:00+09:00");
  const sendAtOf = (id: string) => (["t1", "t2", "c1"].includes(id) ? batch1 : batch2);
  const purchases: Record<string, string[]> = {
    // 09:00 next day is 13 h after batch 1 → day 0 (by calendar it would be day 1)
    t1: ["2026-11-25T09:00:00+09:00"],
    // a purchase before the send, then one exactly 24 h after → day 1
    t2: ["2026-11-24T12:00:00+09:00", "2026-11-25T20:00:00+09:00"],
    // exactly at the close of a 3-day window → not a response
    t3: ["2026-11-28T10:00:00+09:00"],
    t4: [],
    // 2 days 23:59 after batch 2 → day 2
    c2: ["2026-11-28T09:59:00+09:00"],
  };
  const firstPurchaseOf = (id: string, w: ResponseWindow) =>
    (purchases[id] ?? [])
      .map((p) => new Date(p))
      .filter((p) => isResponse(p, w))
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;

  it("accumulates first responses per elapsed day from each customer's own send time", () => {
    const points = cumulativeResponse(
      { target: ["t1", "t2", "t3", "t4"], control: ["c1", "c2"] },
      3,
      sendAtOf,
      firstPurchaseOf,
    );
    expect(points).toEqual([
      { day: 0, targetResponders: 1, controlResponders: 0, targetRate: 0.25, controlRate: 0 },
      { day: 1, targetResponders: 2, controlResponders: 0, targetRate: 0.5, controlRate: 0 },
      { day: 2, targetResponders: 2, controlResponders: 1, targetRate: 0.5, controlRate: 0.5 },
    ]);
  });

  it("ignores a purchase the lookup returns from outside the window", () => {
    const sloppy = () => new Date("2026-11-24T12:00:00+09:00"); // before batch 1's send
    const points = cumulativeResponse({ target: ["t1"], control: [] }, 2, sendAtOf, sloppy);
    expect(points.map((p) => p.targetResponders)).toEqual([0, 0]);
  });

  it("gives null rates for an empty group and counts nothing twice", () => {
    const points = cumulativeResponse({ target: ["t1"], control: [] }, 1, sendAtOf, firstPurchaseOf);
    expect(points).toEqual([{ day: 0, targetResponders: 1, controlResponders: 0, targetRate: 1, controlRate: null }]);
  });

  it("refuses a window that is not a whole number of days", () => {
    expect(() => cumulativeResponse({ target: [], control: [] }, 0, sendAtOf, firstPurchaseOf)).toThrow(RangeError);
  });
});
