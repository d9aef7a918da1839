/**
 * Receipts of one division's day: member visits, anonymous shoppers, returns of recent sales,
 * times of day, and till numbers assigned in time order. Only recent sales are remembered (a
 * bounded ring) so returns can reference them: memory never grows with history.
 */

import { type BasketMaker, couponFor, memberPoints, returnLines } from "./baskets.ts";
import { compactDate, type LocalSeconds } from "./calendar.ts";
import { type Rng, WeightedTable } from "./random.ts";
import type { Division, Receipt, ReceiptRef, Store } from "./types.ts";

/** Anonymous receipts per member receipt. */
export const ANONYMOUS_RATIO: Record<Division, number> = { DPT: 0.15, MART: 0.3, SM: 0.5 };
/** Returns per sale receipt, drawn from the last RETURN_WINDOW_DAYS of sales. */
export const RETURN_RATE: Record<Division, number> = { DPT: 0.04, MART: 0.015, SM: 0.005 };
export const RETURN_WINDOW_DAYS = 30;
const POS_COUNT: Record<Division, number> = { DPT: 30, MART: 20, SM: 4 };
export const RING_SIZE = 20_000;
/** Fake originals of planted missing-original returns come from a number range no till issues. */
export const MISSING_ORIGINAL_SEQ = 9000;

// Hour-of-day footfall, opening hour first.
const HOURS: Record<Division, { open: number; weights: number[] }> = {
  DPT: { open: 10, weights: [4, 7, 9, 10, 11, 11, 11, 10, 9, 7, 4] },
  MART: { open: 10, weights: [4, 6, 7, 7, 8, 8, 9, 10, 11, 10, 8, 6, 3] },
  SM: { open: 8, weights: [2, 3, 4, 5, 6, 5, 4, 4, 5, 7, 10, 10, 8, 5, 3] },
};
const HOUR_TABLES = Object.fromEntries(
  Object.entries(HOURS).map(([division, h]) => [
    division,
    new WeightedTable(
      h.weights.map((_, i) => h.open + i),
      h.weights,
    ),
  ]),
) as Record<Division, WeightedTable<number>>;

export function timeOfDay(division: Division, day: number, rng: Rng): LocalSeconds {
  return day * 86_400 + HOUR_TABLES[division].pick(rng) * 3600 + rng.int(0, 3599);
}

export interface Shopper {
  slot: number;
  memberNo: string | null;
  cardNo: string | null;
  affluence: number;
}

export function saleReceipt(
  basket: BasketMaker,
  store: Store,
  shopper: Shopper,
  at: LocalSeconds,
  day: number,
  rng: Rng,
): Receipt {
  const division = basket.division;
  const lines = basket.lines(rng, day, shopper.affluence);
  const points = shopper.memberNo ? memberPoints(division, lines, rng) : { earned: 0, used: 0 };
  return {
    division,
    ref: { id: "", storeCode: store.code, posNo: rng.int(1, POS_COUNT[division]), trxNo: 0, day },
    at,
    type: "sale",
    original: null,
    memberNo: shopper.memberNo,
    cardNo: shopper.cardNo,
    memberSlot: shopper.slot,
    lines,
    earned: points.earned,
    used: points.used,
    coupon: couponFor(division, rng, day),
  };
}

export function receiptId(division: Division, ref: Omit<ReceiptRef, "id">): string {
  const ymd = compactDate(ref.day);
  if (division === "DPT")
    return `${ymd}${ref.storeCode}${String(ref.posNo).padStart(2, "0")}${String(ref.trxNo).padStart(4, "0")}`;
  if (division === "SM") return `${ref.storeCode}-${ymd}-${ref.posNo}-${String(ref.trxNo).padStart(4, "0")}`;
  return `${ref.storeCode}|${ymd}|${ref.posNo}|${ref.trxNo}`;
}

/** Sorts a day's receipts by time and numbers them per till in that order, as POS systems do. */
export function numberReceipts(division: Division, receipts: Receipt[]): void {
  receipts.sort((a, b) => a.at - b.at);
  const next = new Map<string, number>();
  for (const receipt of receipts) {
    const till = `${receipt.ref.storeCode}/${receipt.ref.posNo}`;
    const trxNo = (next.get(till) ?? 0) + 1;
    next.set(till, trxNo);
    receipt.ref.trxNo = trxNo;
    receipt.ref.id = receiptId(division, receipt.ref);
  }
}

/**
 * The return of an earlier sale, the same day's till numbering still to come. A member who has
 * withdrawn since has no card to show: the return is anonymous.
 */
export function returnReceipt(
  original: Receipt,
  memberLeft: boolean,
  at: LocalSeconds,
  day: number,
  rng: Rng,
): Receipt {
  const lines = returnLines(original.lines, rng);
  const originalTotal = original.lines.reduce((sum, l) => sum + l.amount, 0);
  const returnedTotal = -lines.reduce((sum, l) => sum + l.amount, 0);
  const earned =
    original.division === "MART"
      ? lines.reduce((sum, l) => sum + l.earned, 0)
      : -Math.round((original.earned * returnedTotal) / Math.max(1, originalTotal));
  return {
    division: original.division,
    ref: { id: "", storeCode: original.ref.storeCode, posNo: original.ref.posNo, trxNo: 0, day },
    at,
    type: "return",
    original: original.ref,
    memberNo: memberLeft ? null : original.memberNo,
    cardNo: memberLeft ? null : original.cardNo,
    memberSlot: memberLeft ? -1 : original.memberSlot,
    lines,
    earned: memberLeft ? 0 : earned,
    used: 0,
    coupon: null,
  };
}

/** A reference to a sale that never existed (for returns whose original is missing). */
export function missingOriginal(division: Division, like: ReceiptRef, rng: Rng): ReceiptRef {
  const ref = {
    storeCode: like.storeCode,
    posNo: like.posNo,
    trxNo: MISSING_ORIGINAL_SEQ + rng.int(0, 999),
    day: like.day - rng.int(1, 20),
  };
  return { ...ref, id: receiptId(division, ref) };
}

/** The last RING_SIZE sales of a division, for returns; each can be returned once. */
export class RecentSales {
  private readonly ring: (Receipt | undefined)[] = new Array(RING_SIZE);
  private readonly returned = new Set<Receipt>();
  private size = 0;
  private cursor = 0;

  add(receipt: Receipt): void {
    const evicted = this.ring[this.cursor];
    if (evicted) this.returned.delete(evicted);
    this.ring[this.cursor] = receipt;
    this.cursor = (this.cursor + 1) % RING_SIZE;
    this.size = Math.min(RING_SIZE, this.size + 1);
  }

  /** A random sale of the last RETURN_WINDOW_DAYS not returned yet, or undefined. */
  takeForReturn(day: number, rng: Rng): Receipt | undefined {
    for (let attempt = 0; attempt < 8 && this.size > 0; attempt++) {
      const candidate = this.ring[Math.floor(rng.next() * this.size)]!;
      if (candidate.ref.day < day - RETURN_WINDOW_DAYS || candidate.ref.day >= day || this.returned.has(candidate))
        continue;
      this.returned.add(candidate);
      return candidate;
    }
    return undefined;
  }
}
