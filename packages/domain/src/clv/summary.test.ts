import { describe, expect, it } from "vitest";
import { customerHistories } from "./summary.ts";

describe("customerHistories", () => {
  it("merges same-day purchases, counts the calibration-end day and ignores the holdout", () => {
    const histories = customerHistories(
      [
        { customerId: "1", day: 14, amount: 10 },
        { customerId: "1", day: 0, amount: 5 },
        { customerId: "1", day: 14, amount: 20 },
        { customerId: "1", day: 28, amount: 6 },
        { customerId: "1", day: 35, amount: 99 },
        { customerId: "2", day: 21 },
      ],
      28,
      7,
    );
    expect(histories).toEqual([
      { customerId: "1", x: 2, tx: 4, T: 4, meanRepeatSpend: 18 },
      { customerId: "2", x: 0, tx: 0, T: 1, meanRepeatSpend: undefined },
    ]);
  });
});
