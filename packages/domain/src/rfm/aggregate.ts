import { roundToCents } from "./money.ts";

/** One invoice line: `day` is a day number (days since 1970-01-01), `amount` in ten-thousandths. */
export type InvoiceLine = {
  customerId: string;
  invoice: string;
  day: number;
  amount: number;
  cancelled: boolean;
};

export type RfmMetrics = {
  customerId: string;
  /** Days from the last non-cancelled invoice to the reference date. */
  recencyDays: number;
  /** Distinct non-cancelled invoices. */
  frequency: number;
  /** Net spend, cancellations included, rounded to cents. */
  monetaryCents: number;
};

type Running = { lastPurchaseDay: number | undefined; invoices: Set<string>; amount: number };

/**
 * Folds invoice lines, in any order, into each customer's recency, frequency and monetary value
 * as of `referenceDay`. Lines dated after the reference date are outside the window and ignored.
 * Customers whose only invoices are cancellations have no recency and are left out.
 */
export class RfmAccumulator {
  readonly #customers = new Map<string, Running>();

  constructor(readonly referenceDay: number) {}

  add(line: InvoiceLine): void {
    if (line.day > this.referenceDay) return;
    let running = this.#customers.get(line.customerId);
    if (!running) {
      running = { lastPurchaseDay: undefined, invoices: new Set(), amount: 0 };
      this.#customers.set(line.customerId, running);
    }
    running.amount += line.amount;
    if (line.cancelled) return;
    running.invoices.add(line.invoice);
    if (running.lastPurchaseDay === undefined || line.day > running.lastPurchaseDay) running.lastPurchaseDay = line.day;
  }

  metrics(): RfmMetrics[] {
    const result: RfmMetrics[] = [];
    for (const [customerId, running] of this.#customers) {
      if (running.lastPurchaseDay === undefined) continue;
      result.push({
        customerId,
        recencyDays: this.referenceDay - running.lastPurchaseDay,
        frequency: running.invoices.size,
        monetaryCents: roundToCents(running.amount),
      });
    }
    return result;
  }
}
