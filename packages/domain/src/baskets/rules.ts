import { compareCodePoints } from "./code-point.ts";
import { type CountedItemset, frequentItemsets } from "./fp-growth.ts";
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
  const { minSupport, minConfidence, minLift, minLen, maxLen } = ruleThresholdsSchema.parse(thresholds);
  const encoded = encodeBaskets(baskets);
  const total = encoded.baskets.length;
  if (total === 0) return [];
  const minCount = minimumCount(minSupport, total);
  const ranked = rankFrequentItems(encoded, minCount);

  const itemsets = frequentItemsets(
    rankedBaskets(encoded.baskets, ranked.rankOf),
    ranked.names.length,
    minCount,
    maxLen,
  );
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

type EncodedBaskets = { names: string[]; counts: number[]; baskets: Int32Array[] };

function encodeBaskets(baskets: Iterable<readonly string[]>): EncodedBaskets {
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const counts: number[] = [];
  const lastBasketOf: number[] = [];
  const encoded: Int32Array[] = [];
  for (const basket of baskets) {
    const ids: number[] = [];
    for (const name of basket) {
      let id = idOf.get(name);
      if (id === undefined) {
        id = names.length;
        idOf.set(name, id);
        names.push(name);
        counts.push(0);
        lastBasketOf.push(-1);
      }
      if (lastBasketOf[id] === encoded.length) continue;
      lastBasketOf[id] = encoded.length;
      counts[id]!++;
      ids.push(id);
    }
    encoded.push(Int32Array.from(ids));
  }
  return { names, counts, baskets: encoded };
}

/**
 * Frequent items renumbered by descending count (ties by name, for a reproducible tree), with
 * each rank's position in code point order for sorting a rule's items by name.
 */
function rankFrequentItems(encoded: EncodedBaskets, minCount: number): RankedItems {
  const frequent = encoded.names
    .map((name, id) => ({ name, id, count: encoded.counts[id]! }))
    .filter((item) => item.count >= minCount)
    .sort((a, b) => b.count - a.count || compareCodePoints(a.name, b.name));
  const rankOf = new Int32Array(encoded.names.length).fill(-1);
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

function* rankedBaskets(baskets: Int32Array[], rankOf: Int32Array): Generator<Int32Array> {
  for (const basket of baskets) {
    const ranks = basket.map((id) => rankOf[id]!).filter((rank) => rank >= 0);
    yield ranks.sort();
  }
}
