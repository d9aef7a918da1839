/** An itemset over dense item ids, ascending, with the number of baskets that contain it. */
export type CountedItemset = { items: number[]; count: number };

/**
 * Baskets as one flat run of item ids: basket b is `items[ends[b - 1] .. ends[b])` (from 0 for
 * the first) and stands for `weights[b]` identical baskets. One typed array instead of an array
 * per basket keeps half a million baskets from costing half a million allocations.
 */
export type FlatBaskets = { items: Int32Array; ends: Int32Array; weights: Float64Array };

/**
 * FP-growth (Han, Pei & Yin 2000) over baskets already reduced to frequent item ids, each
 * basket sorted ascending and free of duplicates. Ids must be ranked by descending frequency
 * (id 0 the most frequent) so that shared prefixes keep the tree small.
 */
export function frequentItemsets(
  baskets: FlatBaskets,
  itemCount: number,
  minCount: number,
  maxLen: number,
): CountedItemset[] {
  const { items, ends, weights } = baskets;
  // Shared prefixes make the size unknown until built: start small and double.
  const tree = new FpTree(itemCount, 1024);
  let start = 0;
  for (let b = 0; b < ends.length; b++) {
    const end = ends[b]!;
    tree.insert(items, start, end, weights[b]!);
    start = end;
  }
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
 * A prefix tree in typed arrays (node 0 is the root) with a header chain per item linking every
 * node of that item, so an item's conditional pattern base is a walk up from each node. A node's
 * child is found through an open-addressing table keyed by (parent, item): no object per node.
 */
class FpTree {
  readonly support: Float64Array;
  private readonly head: Int32Array;
  private nodeItem: Int32Array;
  private nodeCount: Float64Array;
  private nodeParent: Int32Array;
  private nodeNext: Int32Array;
  private size = 1;
  // Slots hold child node numbers; 0 (the root, never a child) marks an empty slot.
  private slots: Int32Array;

  constructor(
    readonly itemCount: number,
    capacity: number,
  ) {
    this.support = new Float64Array(itemCount);
    this.head = new Int32Array(itemCount).fill(-1);
    this.nodeItem = new Int32Array(capacity);
    this.nodeCount = new Float64Array(capacity);
    this.nodeParent = new Int32Array(capacity);
    this.nodeNext = new Int32Array(capacity);
    this.slots = new Int32Array(tableSizeFor(capacity));
  }

  /** Adds `path[start..end)` (ascending ids) with weight `count`. */
  insert(path: Int32Array, start: number, end: number, count: number): void {
    let node = 0;
    for (let i = start; i < end; i++) {
      const item = path[i]!;
      const mask = this.slots.length - 1;
      let slot = slotOf(node, item, mask);
      let child = this.slots[slot]!;
      while (child !== 0 && (this.nodeParent[child] !== node || this.nodeItem[child] !== item)) {
        slot = (slot + 1) & mask;
        child = this.slots[slot]!;
      }
      if (child === 0) {
        child = this.addNode(node, item, count);
        this.slots[slot] = child;
        if (this.size * 2 > this.slots.length) this.rehash();
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
    let pathItems = 0;
    for (let node = this.head[item]!; node !== -1; node = this.nodeNext[node]!) {
      const count = this.nodeCount[node]!;
      for (let up = this.nodeParent[node]!; up > 0; up = this.nodeParent[up]!) {
        localSupport[this.nodeItem[up]!]! += count;
        pathItems++;
      }
    }
    if (!localSupport.some((count) => count >= minCount)) return undefined;

    // Every kept ancestor becomes at most one node, so pathItems bounds the tree: no growing.
    const conditional = new FpTree(item, pathItems + 1);
    const path = new Int32Array(item);
    for (let node = this.head[item]!; node !== -1; node = this.nodeNext[node]!) {
      // Walking up yields ids descending; fill from the end so the path comes out ascending.
      let start = item;
      for (let up = this.nodeParent[node]!; up > 0; up = this.nodeParent[up]!) {
        const ancestor = this.nodeItem[up]!;
        if (localSupport[ancestor]! >= minCount) path[--start] = ancestor;
      }
      if (start < item) conditional.insert(path, start, item, this.nodeCount[node]!);
    }
    return conditional;
  }

  private addNode(parent: number, item: number, count: number): number {
    if (this.size === this.nodeItem.length) this.grow();
    const node = this.size++;
    this.nodeItem[node] = item;
    this.nodeCount[node] = count;
    this.nodeParent[node] = parent;
    this.nodeNext[node] = this.head[item]!;
    this.head[item] = node;
    return node;
  }

  private grow(): void {
    const capacity = this.nodeItem.length * 2;
    this.nodeItem = resized(this.nodeItem, new Int32Array(capacity));
    this.nodeCount = resized(this.nodeCount, new Float64Array(capacity));
    this.nodeParent = resized(this.nodeParent, new Int32Array(capacity));
    this.nodeNext = resized(this.nodeNext, new Int32Array(capacity));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let node = 1; node < this.size; node++) {
      let slot = slotOf(this.nodeParent[node]!, this.nodeItem[node]!, mask);
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = node;
    }
    this.slots = slots;
  }
}

/** A power of two at least twice `nodes`, so linear probing stays short. */
function tableSizeFor(nodes: number): number {
  let size = 16;
  while (size < nodes * 2) size *= 2;
  return size;
}

function slotOf(parent: number, item: number, mask: number): number {
  // A multiply-xorshift mix, so the masked low bits depend on every bit of both numbers.
  let h = Math.imul(parent, 0x9e3779b1) + item;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) & mask;
}

function resized<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
