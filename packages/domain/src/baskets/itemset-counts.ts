/**
 * Basket counts of itemsets (ascending ids) in a prefix trie, so rule generation can look up
 * every `itemset minus one item` without building a key for it.
 */
export class ItemsetCounts {
  private readonly root: TrieNode = { count: 0, children: new Map() };

  set(items: readonly number[], count: number): void {
    let node = this.root;
    for (const item of items) {
      let child = node.children.get(item);
      if (!child) {
        child = { count: 0, children: new Map() };
        node.children.set(item, child);
      }
      node = child;
    }
    node.count = count;
  }

  /** The count of `items` without the one at index `skip`; 0 when that itemset was never set. */
  countWithout(items: readonly number[], skip: number): number {
    let node: TrieNode | undefined = this.root;
    for (let i = 0; i < items.length && node; i++) {
      if (i !== skip) node = node.children.get(items[i]!);
    }
    return node?.count ?? 0;
  }
}

type TrieNode = { count: number; children: Map<number, TrieNode> };
