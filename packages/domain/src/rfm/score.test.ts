import { describe, expect, it } from "vitest";
import { compareCustomerIds } from "./customer-id.ts";
import { ntileBucket } from "./ntile.ts";
import { rfmCell, scoreRfm, scoreRfmColumns } from "./score.ts";

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

/** The rule written out naively: one comparator sort per measure, ties by customer id. */
function reference(ids: string[], key: (i: number) => number): number[] {
  const order = ids.map((_, i) => i).sort((a, b) => key(a) - key(b) || compareCustomerIds(ids[a]!, ids[b]!));
  const scores = new Array<number>(ids.length);
  order.forEach((i, position) => {
    scores[i] = ntileBucket(position, ids.length, 5);
  });
  return scores;
}

describe("scoreRfmColumns", () => {
  it("agrees with a comparator sort on random columns with many ties, ids in order or not", () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (const shuffled of [false, true]) {
      const n = 1_003;
      const ids = Array.from({ length: n }, (_, i) => String(shuffled ? (i * 7_919) % n : i + 1));
      const recencyDays = ids.map(() => random(30));
      const frequency = ids.map(() => 1 + random(4));
      const monetaryCents = ids.map(() => random(50) * 1_000 - 5_000);
      const scores = scoreRfmColumns({ ids, recencyDays, frequency, monetaryCents });
      expect([...scores.r]).toEqual(reference(ids, (i) => -recencyDays[i]!));
      expect([...scores.f]).toEqual(reference(ids, (i) => frequency[i]!));
      expect([...scores.m]).toEqual(reference(ids, (i) => monetaryCents[i]!));
    }
  });

  it("takes typed arrays and scores an empty base", () => {
    const scores = scoreRfmColumns({
      ids: ["2", "1"],
      recencyDays: new Float64Array([5, 5]),
      frequency: new Float64Array([1, 2]),
      monetaryCents: new Float64Array([0, -0]),
    });
    expect([...scores.r, ...scores.f, ...scores.m]).toEqual([2, 1, 1, 2, 2, 1]);
    expect(scoreRfmColumns({ ids: [], recencyDays: [], frequency: [], monetaryCents: [] }).r).toHaveLength(0);
  });

  it("refuses a missing measure or columns of different lengths", () => {
    expect(() =>
      scoreRfmColumns({ ids: ["1"], recencyDays: [Number.NaN], frequency: [1], monetaryCents: [1] }),
    ).toThrow(RangeError);
    expect(() =>
      scoreRfmColumns({ ids: ["1", "2"], recencyDays: [1], frequency: [1, 1], monetaryCents: [1, 1] }),
    ).toThrow(RangeError);
  });
});
