import { z } from "zod";

/**
 * Gross margin is estimated from sales with a margin rate per category: receipts carry what the
 * customer paid, not what the goods cost. A rate can be set at any level of the HQ category tree
 * (대분류 / 중분류 / 소분류); a category without its own rate takes its nearest ancestor's, and one
 * with none anywhere up the tree (or an unclassified line) takes the default.
 */

const rate = z
  .number({ error: "마진율은 숫자여야 합니다 (a margin rate must be a number)" })
  .min(0, "마진율은 0 이상이어야 합니다 (a margin rate must be at least 0)")
  .max(1, "마진율은 1 이하여야 합니다 (a margin rate must be at most 1, i.e. 100%)");

/** The margin-rate settings, as they arrive from the settings screen or a config file. */
export const marginRatesSchema = z.object({
  defaultRate: rate,
  /** category code (any level) → rate */
  rates: z.record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,16}$/, "카테고리 코드가 올바르지 않습니다 (not a category code)"),
    rate,
  ),
});
export type MarginRates = z.infer<typeof marginRatesSchema>;

/**
 * The rate for `code`: its own, else the first of `ancestors` (nearest first: parent, then
 * grandparent) that has one, else `defaultRate`. `code` null is an unclassified line.
 */
export function marginRateFor(
  code: string | null,
  ancestors: readonly string[],
  rates: Readonly<Record<string, number>>,
  defaultRate: number,
): number {
  if (code === null) return defaultRate;
  for (const c of [code, ...ancestors]) {
    // hasOwn, not `in`: a code like "constructor" must not find Object.prototype's.
    if (Object.hasOwn(rates, c)) return rates[c]!;
  }
  return defaultRate;
}

export type MarginRateLookup = (categoryCode: string | null) => number;

/**
 * A lookup over the category tree given as child → parent (null at the top). Each code's rate is
 * resolved once and remembered, since a campaign's receipts repeat the same few hundred codes.
 * A code missing from the tree is treated as a top-level category (its own rate or the default).
 */
export function marginRateLookup(
  settings: MarginRates,
  parentOf: ReadonlyMap<string, string | null>,
): MarginRateLookup {
  const { rates, defaultRate } = marginRatesSchema.parse(settings);
  const resolved = new Map<string, number>();
  return (code) => {
    if (code === null) return defaultRate;
    const known = resolved.get(code);
    if (known !== undefined) return known;
    const ancestors: string[] = [];
    const seen = new Set([code]);
    // The seen set stops a corrupt tree with a cycle from looping forever.
    for (let up = parentOf.get(code) ?? null; up !== null && !seen.has(up); up = parentOf.get(up) ?? null) {
      ancestors.push(up);
      seen.add(up);
    }
    const found = marginRateFor(code, ancestors, rates, defaultRate);
    resolved.set(code, found);
    return found;
  };
}

export type ReceiptLineAmount = { categoryCode: string | null; amount: number };

/** Σ amount × rate(category). Returned lines (negative amounts) take their margin back. */
export function grossMargin(lines: Iterable<ReceiptLineAmount>, lookup: MarginRateLookup): number {
  let total = 0;
  for (const { categoryCode, amount } of lines) total += amount * lookup(categoryCode);
  return total;
}
