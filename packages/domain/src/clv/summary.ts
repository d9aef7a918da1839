/** One purchase: `day` is a day number (days since 1970-01-01); `amount` is optional spend. */
export type Purchase = { customerId: string; day: number; amount?: number };

/** A customer's calibration-period history in the notation of Fader, Hardie & Lee (2005). */
export type CustomerHistory = {
  customerId: string;
  /** Repeat purchases: purchase days after the first. */
  x: number;
  /** Time from the first purchase to the last, in model units. */
  tx: number;
  /** Time from the first purchase to the end of calibration, in model units. */
  T: number;
  /** Mean spend of the repeat purchase days (the first excluded); undefined when x = 0 or no amounts. */
  meanRepeatSpend: number | undefined;
};

/**
 * Builds x, t_x and T per customer from purchases in any order. Same-day purchases are one
 * purchase (their amounts added); purchases on the calibration-end day count, later ones are
 * holdout and ignored. `unitDays` is the model's time unit: 7 for weeks, 1 for days.
 *
 * The spend convention is lifetimes' (summary_data_from_transaction_data), under which the
 * published Gamma-Gamma CDNOW estimates were made: the mean over repeat purchase days only, because
 * the first purchase is often atypical (acquisition offers) and the model describes repeat spend.
 */
export function customerHistories(
  purchases: Iterable<Purchase>,
  calibrationEndDay: number,
  unitDays: number,
): CustomerHistory[] {
  const spendByDay = new Map<string, Map<number, number | undefined>>();
  for (const { customerId, day, amount } of purchases) {
    if (day > calibrationEndDay) continue;
    let days = spendByDay.get(customerId);
    if (!days) {
      days = new Map();
      spendByDay.set(customerId, days);
    }
    const previous = days.get(day);
    days.set(day, amount === undefined ? previous : (previous ?? 0) + amount);
  }
  const histories: CustomerHistory[] = [];
  for (const [customerId, days] of spendByDay) {
    const ordered = [...days.keys()].sort((p, q) => p - q);
    const first = ordered[0]!;
    const last = ordered.at(-1)!;
    const repeatSpend = ordered.slice(1).map((day) => days.get(day));
    const amounts = repeatSpend.filter((a): a is number => a !== undefined);
    histories.push({
      customerId,
      x: ordered.length - 1,
      tx: (last - first) / unitDays,
      T: (calibrationEndDay - first) / unitDays,
      meanRepeatSpend:
        amounts.length > 0 && amounts.length === repeatSpend.length
          ? amounts.reduce((s, a) => s + a, 0) / amounts.length
          : undefined,
    });
  }
  return histories;
}
