/** An itemset over dense item ids, ascending, with the number of baskets that contain it. */
export type CountedItemset = { items: number[]; count: number };

/**
 * FP-growth (Han, Pei & Yin 2000) over baskets already reduced to frequent item ids, each
 * basket sorted ascending and free of duplicates. Ids must be ranked by descending frequency
 * (id 0 the most frequent) so that shared prefixes keep the tree small.
 */
export function frequentItemsets(
  baskets: Iterable<Int32Array>,
  itemCount: number,
  minCount: number,
  maxLen: number,
): CountedItemset[] {
  const tree = new FpTree(itemCount);
  for (const basket of baskets) tree.insert(basket, basket.length, 1);
  const found: CountedItemset[] = [];
  mine(tree, [], minCount, maxLen, found);
  return found;
}

function mine(tree: FpTree, suffix: number[], minCount: number, maxLen: number, found: CountedItemset[]): void {
  for (let item = tree.itemCount - 1; item >= 0; item--) {
    const count = tree.support[item]!;
    if (count < minCount) continue;
    // Conditional trees only hold items ranked before `item`, so prepending keeps ids ascending.
    const itemset = [item, ...suffix];
    found.push({ items: itemset, count });
    if (itemset.length < maxLen) {
      const conditional = tree.conditionalTree(item, minCount);
      if (conditional) mine(conditional, itemset, minCount, maxLen, found);
    }
  }
}

/**
 * A prefix tree in parallel arrays (node 0 is the root) with a header chain per item linking
 * every node of that item, so an item's conditional pattern base is a walk up from each node.
 */
class FpTree {
  readonly support: Float64Array;
  private readonly head: Int32Array;
  private readonly nodeItem: number[] = [-1];
  private readonly nodeCount: number[] = [0];
  private readonly nodeParent: number[] = [-1];
  private readonly nodeNext: number[] = [-1];
  // Child lookup keyed by parent * itemCount + item: one flat map instead of a map per node.
  private readonly children = new Map<number, number>();

  constructor(readonly itemCount: number) {
    this.support = new Float64Array(itemCount);
    this.head = new Int32Array(itemCount).fill(-1);
  }

  /** Adds the first `length` ids of `path` (ascending) with weight `count`. */
  insert(path: ArrayLike<number>, length: number, count: number): void {
    let node = 0;
    for (let i = 0; i < length; i++) {
      const item = path[i]!;
      const key = node * this.itemCount + item;
      let child = this.children.get(key);
      if (child === undefined) {
        child = this.nodeItem.length;
        this.nodeItem.push(item);
        this.nodeCount.push(count);
        this.nodeParent.push(node);
        this.nodeNext.push(this.head[item]!);
        this.head[item] = child;
        this.children.set(key, child);
      } else {
        this.nodeCount[child]! += count;
      }
      this.support[item]! += count;
      node = child;
    }
  }

  /** The tree of the paths leading to `item`, keeping only items still frequent among them. */
  conditionalTree(item: number, minCount: number): FpTree | undefined {
    const localSupport = new Float64Array(item);
    for (let node = this.head[item]!; node !== -1; node = this.nodeNext[node]!) {
      const count = this.nodeCount[node]!;
      for (let up = this.nodeParent[node]!; up > 0; up = this.nodeParent[up]!) {
        localSupport[this.nodeItem[up]!]! += count;
      }
    }
    if (!localSupport.some((count) => count >= minCount)) return undefined;

    const conditional = new FpTree(item);
    const path = new Int32Array(item);
    for (let node = this.head[item]!; node !== -1; node = this.nodeNext[node]!) {
      // Walking up yields ids descending; fill from the end so the path comes out ascending.
      let start = item;
      for (let up = this.nodeParent[node]!; up > 0; up = this.nodeParent[up]!) {
        const ancestor = this.nodeItem[up]!;
        if (localSupport[ancestor]! >= minCount) path[--start] = ancestor;
      }
      if (start < item) conditional.insert(path.subarray(start), item - start, this.nodeCount[node]!);
    }
    return conditional;
  }
}
