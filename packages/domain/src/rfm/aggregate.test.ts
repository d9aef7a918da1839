import { describe, expect, it } from "vitest";
import { RfmAccumulator } from "./aggregate.ts";

const line = (customerId: string, invoice: string, day: number, amount: number) => ({
  customerId,
  invoice,
  day,
  amount,
  cancelled: invoice.startsWith("C"),
});

describe("RfmAccumulator", () => {
  it("counts distinct invoices, takes recency from the last purchase and nets cancellations", () => {
    const rfm = new RfmAccumulator(100);
    rfm.add(line("1", "A1", 90, 10_000));
    rfm.add(line("1", "A1", 90, 5_000));
    rfm.add(line("1", "A2", 95, 20_000));
    rfm.add(line("1", "C3", 99, -5_000));
    expect(rfm.metrics()).toEqual([{ customerId: "1", recencyDays: 5, frequency: 2, monetaryCents: 300 }]);
  });

  it("leaves out a customer with cancellations only", () => {
    const rfm = new RfmAccumulator(100);
    rfm.add(line("2", "C1", 50, -10_000));
    expect(rfm.metrics()).toEqual([]);
  });

  it("ignores lines after the reference date", () => {
    const rfm = new RfmAccumulator(100);
    rfm.add(line("3", "A1", 60, 10_000));
    rfm.add(line("3", "A2", 101, 10_000));
    expect(rfm.metrics()).toEqual([{ customerId: "3", recencyDays: 40, frequency: 1, monetaryCents: 100 }]);
  });

  it("rounds the net amount to cents only at the end", () => {
    const rfm = new RfmAccumulator(10);
    for (let i = 0; i < 3; i++) rfm.add(line("4", `A${i}`, 1, 30)); // 0.003 each
    expect(rfm.metrics()[0]?.monetaryCents).toBe(1);
  });
});
