/**
 * A response is a purchase within the response window, which opens at the send time of the
 * customer's batch — for a control customer, of the batch they would have been in, so both groups
 * are watched over the same stretch of time.
 *
 * Days are elapsed 24-hour periods from the send instant, not calendar days: a batch sent at
 * 20:00 KST would otherwise get four hours for its "day 1" and a batch sent at 08:00 sixteen.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** [from, to): from is included (a purchase at the send instant counts), to is not. */
export type ResponseWindow = { from: Date; to: Date };

export function responseWindow(sendAt: Date, days: number): ResponseWindow {
  if (Number.isNaN(sendAt.getTime())) throw new RangeError("sendAt is not a valid date");
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`a response window is a whole number ≥ 1 of days, got ${days}`);
  return { from: new Date(sendAt.getTime()), to: new Date(sendAt.getTime() + days * DAY_MS) };
}

export function isResponse(purchaseAt: Date, window: ResponseWindow): boolean {
  const t = purchaseAt.getTime();
  return t >= window.from.getTime() && t < window.to.getTime();
}

export type CumulativeResponsePoint = {
  /** 0-based: the point counts responses within (day + 1) × 24 h of the send */
  day: number;
  targetResponders: number;
  controlResponders: number;
  /** responders so far / group size; null for an empty group */
  targetRate: number | null;
  controlRate: number | null;
};

/**
 * The chart of cumulative response over the window, target vs control: one point per day
 * 0..windowDays − 1. The last point's rates are the campaign's response rates.
 *
 * `sendAtOf` gives each customer's (actual or would-be) batch send time; `firstPurchaseOf` the
 * customer's earliest purchase in the given window, or null. A date it returns outside the window
 * is not counted, so a sloppy query cannot count a purchase made before the send.
 */
export function cumulativeResponse(
  groups: { target: readonly string[]; control: readonly string[] },
  windowDays: number,
  sendAtOf: (customerId: string) => Date,
  firstPurchaseOf: (customerId: string, window: ResponseWindow) => Date | null,
): CumulativeResponsePoint[] {
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw new RangeError(`a response window is a whole number ≥ 1 of days, got ${windowDays}`);
  }
  const newResponders = (ids: readonly string[]) => {
    const perDay = new Array<number>(windowDays).fill(0);
    for (const id of ids) {
      const window = responseWindow(sendAtOf(id), windowDays);
      const purchaseAt = firstPurchaseOf(id, window);
      if (purchaseAt === null || !isResponse(purchaseAt, window)) continue;
      perDay[Math.floor((purchaseAt.getTime() - window.from.getTime()) / DAY_MS)]! += 1;
    }
    return perDay;
  };
  const target = newResponders(groups.target);
  const control = newResponders(groups.control);
  const rate = (count: number, size: number) => (size === 0 ? null : count / size);

  const points: CumulativeResponsePoint[] = [];
  let targetSoFar = 0;
  let controlSoFar = 0;
  for (let day = 0; day < windowDays; day++) {
    targetSoFar += target[day]!;
    controlSoFar += control[day]!;
    points.push({
      day,
      targetResponders: targetSoFar,
      controlResponders: controlSoFar,
      targetRate: rate(targetSoFar, groups.target.length),
      controlRate: rate(controlSoFar, groups.control.length),
    });
  }
  return points;
}
