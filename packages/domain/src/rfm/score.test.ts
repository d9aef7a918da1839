import { describe, expect, it } from "vitest";
import { rfmCell, scoreRfm } from "./score.ts";

const customer = (customerId: string, recencyDays: number, frequency: number, monetaryCents: number) => ({
  customerId,
  recencyDays,
  frequency,
  monetaryCents,
});

describe("scoreRfm", () => {
  it("gives 5 to the most recent, most frequent and biggest spenders", () => {
    const scored = scoreRfm([
      customer("1", 300, 1, 100),
      customer("2", 200, 2, 200),
      customer("3", 100, 3, 300),
      customer("4", 50, 4, 400),
      customer("5", 1, 5, 500),
    ]);
    expect(scored.map(rfmCell)).toEqual(["111", "222", "333", "444", "555"]);
  });

  it("breaks ties by customer id ascending, numerically", () => {
    // Seven tied customers: buckets 1,1,2,2,3,4,5 follow the id order 9 < 10 < 11 < …
    const ids = ["15", "9", "13", "10", "12", "11", "14"];
    const scored = scoreRfm(ids.map((id) => customer(id, 10, 1, 0)));
    const byId = Object.fromEntries(scored.map((s) => [s.customerId, s.f]));
    expect(byId).toEqual({ "9": 1, "10": 1, "11": 2, "12": 2, "13": 3, "14": 4, "15": 5 });
    // Recency orders worst (most days) first, so on a tie the same id order applies.
    expect(scored.map((s) => s.r)).toEqual(scored.map((s) => s.f));
  });

  it("ranks recency from most days to fewest", () => {
    const scored = scoreRfm([customer("a", 1, 1, 0), customer("b", 400, 1, 0)]);
    expect(scored.map((s) => s.r)).toEqual([2, 1]);
  });
});
