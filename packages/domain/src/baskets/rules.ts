import { compareCodePoints } from "./code-point.ts";
import { type CountedItemset, type FlatBaskets, frequentItemsets } from "./fp-growth.ts";
import { ItemsetCounts } from "./itemset-counts.ts";
import { minimumCount, type RuleThresholds, ruleThresholdsSchema } from "./thresholds.ts";

/** `lhs ⇒ rhs`; lhs sorted by code point, empty for the rules arules writes `{} => {x}`. */
export type Rule = { lhs: string[]; rhs: string; support: number; confidence: number; lift: number; count: number };

/**
 * Every association rule with one item on the right that meets the thresholds, the rule set
 * arules' apriori returns. Each basket is a list of item names; an item repeated within a basket
 * counts once, and an empty basket still counts towards the total. The baskets are read once,
 * so a generator streaming them from elsewhere is fine.
 */
export function mineRules(baskets: Iterable<readonly string[]>, thresholds: RuleThresholds): Rule[] {
  const coder = new BasketCoder();
  for (const basket of baskets) coder.add(basket, 1);
  return mineCoded(coder, thresholds);
}

/** Baskets of the same content given once with how many there are. */
export type BasketComposition = { items: readonly string[]; count: number };

/** mineRules over baskets grouped by content: the same rules, without repeating each content. */
export function mineCompositionRules(compositions: Iterable<BasketComposition>, thresholds: RuleThresholds): Rule[] {
  const coder = new BasketCoder();
  for (const { items, count } of compositions) coder.add(items, count);
  return mineCoded(coder, thresholds);
}

function mineCoded(coder: BasketCoder, thresholds: RuleThresholds): Rule[] {
  const { minSupport, minConfidence, minLift, minLen, maxLen } = ruleThresholdsSchema.parse(thresholds);
  const total = coder.total;
  if (total === 0) return [];
  const minCount = minimumCount(minSupport, total);
  const ranked = rankFrequentItems(coder, minCount);
  const itemsets = frequentItemsets(coder.ranked(ranked.rankOf), ranked.names.length, minCount, maxLen);
  return sortRules(rulesFromItemsets(itemsets, ranked, total, { minConfidence, minLift, minLen }));
}

/** Each frequent itemset of at least minLen items yields one candidate rule per item on the right. */
function rulesFromItemsets(
  itemsets: CountedItemset[],
  ranked: RankedItems,
  total: number,
  { minConfidence, minLift, minLen }: { minConfidence: number; minLift: number; minLen: number },
): Rule[] {
  const counts = new ItemsetCounts();
  for (const { items, count } of itemsets) counts.set(items, count);
  const byName = (a: number, b: number) => ranked.nameOrder[a]! - ranked.nameOrder[b]!;

  const rules: Rule[] = [];
  for (const { items, count } of itemsets) {
    if (items.length < minLen) continue;
    for (let i = 0; i < items.length; i++) {
      const rhs = items[i]!;
      const lhsCount = items.length === 1 ? total : counts.countWithout(items, i);
      const confidence = count / lhsCount;
      if (confidence < minConfidence) continue;
      const lift = ratioOfProducts(count, total, lhsCount, ranked.counts[rhs]!);
      if (lift < minLift) continue;
      rules.push({
        lhs: items
          .filter((_, j) => j !== i)
          .sort(byName)
          .map((rank) => ranked.names[rank]!),
        rhs: ranked.names[rhs]!,
        support: count / total,
        confidence,
        lift,
        count,
      });
    }
  }
  return rules;
}

/**
 * Lift is (count · total) / (lhsCount · rhsCount). One division of exact integer products makes
 * equal lifts equal doubles, so a rule and its mirror (a ⇒ b, b ⇒ a) tie and fall to the next
 * ordering key instead of to rounding noise; past 2^53 it falls back to the ratio of ratios.
 */
function ratioOfProducts(a: number, b: number, c: number, d: number): number {
  const numerator = a * b;
  const denominator = c * d;
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) return numerator / denominator;
  return a / c / (d / b);
}

/** Lift, then confidence, descending; then the lhs and rhs cells as written, by code point. */
export function sortRules(rules: Rule[]): Rule[] {
  const keyed = rules.map((rule) => ({ rule, lhs: formatItemset(rule.lhs) }));
  keyed.sort(
    (a, b) =>
      b.rule.lift - a.rule.lift ||
      b.rule.confidence - a.rule.confidence ||
      compareCodePoints(a.lhs, b.lhs) ||
      compareCodePoints(a.rule.rhs, b.rule.rhs),
  );
  return keyed.map(({ rule }) => rule);
}

/** `{a,b}` with the items as given (callers keep them sorted), `{}` when empty: arules' notation. */
export function formatItemset(items: readonly string[]): string {
  return `{${items.join(",")}}`;
}

type RankedItems = { names: string[]; counts: number[]; rankOf: Int32Array; nameOrder: Int32Array };

/**
 * Item names coded as dense ids in order of appearance, baskets kept as one flat run of ids with
 * each item once per basket, and each id's basket count.
 */
class BasketCoder {
  readonly names: string[] = [];
  readonly counts: number[] = [];
  total = 0;
  private readonly idOf = new Map<string, number>();
  private readonly lastBasketOf: number[] = [];
  private readonly items: number[] = [];
  private readonly ends: number[] = [];
  private readonly weights: number[] = [];

  add(basket: readonly string[], weight: number): void {
    const b = this.ends.length;
    for (let i = 0; i < basket.length; i++) {
      const name = basket[i]!;
      let id = this.idOf.get(name);
      if (id === undefined) {
        id = this.names.length;
        this.idOf.set(name, id);
        this.names.push(name);
        this.counts.push(0);
        this.lastBasketOf.push(-1);
      }
      if (this.lastBasketOf[id] === b) continue;
      this.lastBasketOf[id] = b;
      this.counts[id]! += weight;
      this.items.push(id);
    }
    this.ends.push(this.items.length);
    this.weights.push(weight);
    this.total += weight;
  }

  /** The baskets in ranks (`rankOf[id]`, -1 for an infrequent item, dropped), each ascending. */
  ranked(rankOf: Int32Array): FlatBaskets {
    const items = new Int32Array(this.items.length);
    const ends = new Int32Array(this.ends.length);
    let length = 0;
    let from = 0;
    for (let b = 0; b < ends.length; b++) {
      const basketStart = length;
      const to = this.ends[b]!;
      for (let i = from; i < to; i++) {
        const rank = rankOf[this.items[i]!]!;
        if (rank < 0) continue;
        // Insertion sort: baskets are short, and this sorts while copying.
        let j = length++;
        for (; j > basketStart && items[j - 1]! > rank; j--) items[j] = items[j - 1]!;
        items[j] = rank;
      }
      ends[b] = length;
      from = to;
    }
    return { items: items.subarray(0, length), ends, weights: Float64Array.from(this.weights) };
  }
}

/**
 * Frequent items renumbered by descending count (ties by name, for a reproducible tree), with
 * each rank's position in code point order for sorting a rule's items by name.
 */
function rankFrequentItems(coder: BasketCoder, minCount: number): RankedItems {
  const frequent = coder.names
    .map((name, id) => ({ name, id, count: coder.counts[id]! }))
    .filter((item) => item.count >= minCount)
    .sort((a, b) => b.count - a.count || compareCodePoints(a.name, b.name));
  const rankOf = new Int32Array(coder.names.length).fill(-1);
  frequent.forEach((item, rank) => {
    rankOf[item.id] = rank;
  });
  const names = frequent.map((item) => item.name);
  const nameOrder = new Int32Array(names.length);
  names
    .map((name, rank) => ({ name, rank }))
    .sort((a, b) => compareCodePoints(a.name, b.name))
    .forEach(({ rank }, position) => {
      nameOrder[rank] = position;
    });
  return { names, counts: frequent.map((item) => item.count), rankOf, nameOrder };
}
