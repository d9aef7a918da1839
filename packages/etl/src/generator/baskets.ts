/**
 * What a visit buys: format-specific basket sizes, category mixes and discounts, the person's
 * price level, the gift-set season, and the points and coupons of the receipt. Pure given an Rng.
 */
import { daysFromLunarHoliday, ymdOf } from "./calendar.ts";
import type { Catalogue } from "./masters.ts";
import { type Rng, WeightedTable } from "./random.ts";
import type { Division, SaleLine } from "./types.ts";

/** Share of a basket's lines per HQ 대분류 (10 fresh, 20 processed, 30 household, 40 fashion, 50 electronics, 60 beauty, 70 gifts). */
const CATEGORY_MIX: Record<Division, Record<string, number>> = {
  DPT: { "10": 14, "20": 8, "30": 8, "40": 34, "50": 5, "60": 24, "70": 7 },
  MART: { "10": 30, "20": 36, "30": 18, "40": 3, "50": 2, "60": 4, "70": 7 },
  SM: { "10": 42, "20": 44, "30": 11, "60": 1, "70": 2 },
};
const GIFT_SEASON_BOOST = 8;

/** Mean lines per receipt beyond the first. */
const EXTRA_LINES: Record<Division, number> = { DPT: 0.7, MART: 3.5, SM: 1.4 };
export const MAX_LINES = 40;

export class BasketMaker {
  private readonly byTop = new Map<string, number[]>();
  private readonly tables: Record<"usual" | "gifts", WeightedTable<string>>;

  constructor(
    readonly division: Division,
    readonly catalogue: Catalogue,
  ) {
    catalogue.topOf.forEach((top, index) => {
      const list = this.byTop.get(top) ?? [];
      list.push(index);
      this.byTop.set(top, list);
    });
    const tops = Object.keys(CATEGORY_MIX[division]).filter((top) => this.byTop.has(top));
    const weights = (boost: number) => tops.map((top) => CATEGORY_MIX[division][top]! * (top === "70" ? boost : 1));
    this.tables = {
      usual: new WeightedTable(tops, weights(1)),
      gifts: new WeightedTable(tops, weights(GIFT_SEASON_BOOST)),
    };
  }

  /** Gift sets sell in the fortnight before 설/추석 and in December. */
  private isGiftSeason(day: number): boolean {
    const offset = daysFromLunarHoliday(day);
    return (offset !== undefined && offset >= -14 && offset <= -1) || ymdOf(day).m === 12;
  }

  private pickProduct(rng: Rng, day: number, affluence: number): number {
    const top = this.tables[this.isGiftSeason(day) ? "gifts" : "usual"].pick(rng);
    const candidates = this.byTop.get(top)!;
    const a = rng.pick(candidates);
    const b = rng.pick(candidates);
    const pricier = this.catalogue.products[a]!.price >= this.catalogue.products[b]!.price ? a : b;
    const cheaper = pricier === a ? b : a;
    // The affluent lean to the pricier of two shelf neighbours, the thrifty to the cheaper.
    return rng.chance(Math.min(0.9, Math.max(0.1, 0.5 + (affluence - 1) * 0.8))) ? pricier : cheaper;
  }

  private quantity(rng: Rng): number {
    const roll = rng.next();
    if (this.division === "DPT") return roll < 0.95 ? 1 : 2;
    if (this.division === "MART") return roll < 0.7 ? 1 : roll < 0.9 ? 2 : rng.int(3, 6);
    return roll < 0.82 ? 1 : rng.int(2, 3);
  }

  private discount(rng: Rng, gross: number): number {
    if (this.division === "DPT") return rng.chance(0.2) ? Math.round((gross * rng.pick([0.05, 0.1])) / 10) * 10 : 0;
    if (this.division === "MART")
      return rng.chance(0.15) ? Math.round((gross * rng.pick([0.1, 0.2, 0.3])) / 10) * 10 : 0;
    return rng.chance(0.1) ? Math.min(gross, rng.pick([100, 200, 300, 500])) : 0;
  }

  /** The sale lines of one visit (points are added by the receipt, which knows the member). */
  lines(rng: Rng, day: number, affluence: number): SaleLine[] {
    const count = Math.min(MAX_LINES, 1 + rng.poisson(EXTRA_LINES[this.division]));
    const lines: SaleLine[] = [];
    for (let i = 0; i < count; i++) {
      const product = this.catalogue.products[this.pickProduct(rng, day, affluence)]!;
      const qty = this.quantity(rng);
      const discount = this.discount(rng, qty * product.price);
      lines.push({
        lineNo: i + 1,
        productCode: product.code,
        qty,
        unitPrice: product.price,
        discount,
        amount: qty * product.price - discount,
        earned: 0,
        used: 0,
      });
    }
    return lines;
  }
}

const EARN_RATE: Record<Division, number> = { DPT: 0.01, MART: 0.005, SM: 0.003 };

export interface Points {
  earned: number;
  used: number;
}

/** Points of a member's receipt; MART spreads them over lines (its points are per line). */
export function memberPoints(division: Division, lines: SaleLine[], rng: Rng): Points {
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const used = rng.chance(0.06) ? Math.min(total, rng.int(10, 100) * 100) : 0;
  if (division === "MART") {
    let earned = 0;
    for (const line of lines) {
      line.earned = Math.floor(line.amount * EARN_RATE.MART);
      earned += line.earned;
    }
    if (lines[0]) lines[0].used = used;
    return { earned, used };
  }
  return { earned: Math.floor(total * EARN_RATE[division]), used };
}

export function couponFor(division: Division, rng: Rng, day: number): string | null {
  const chance = division === "DPT" ? 0.06 : division === "MART" ? 0.04 : 0.05;
  if (!rng.chance(chance)) return null;
  const { y, m } = ymdOf(day);
  const prefix = division === "DPT" ? "DCP" : division === "MART" ? "MCP" : "SMC";
  return `${prefix}${String(y % 100).padStart(2, "0")}${String(m).padStart(2, "0")}${rng.digits(5)}`;
}

/**
 * The return of a sale: the whole receipt or one line, quantities and amounts negated, the
 * discount given back (zero or negative), and the earned points taken back in proportion.
 */
export function returnLines(original: readonly SaleLine[], rng: Rng): SaleLine[] {
  const chosen = original.length > 1 && rng.chance(0.4) ? [rng.pick(original)] : original;
  return chosen.map((line, i) => ({
    lineNo: i + 1,
    productCode: line.productCode,
    qty: -line.qty,
    unitPrice: line.unitPrice,
    discount: -line.discount,
    amount: -line.amount,
    earned: -line.earned,
    used: 0,
  }));
}
