/**
 * Union-find over record indices that refuses a union which would put two verification values
 * (CIs), or two different known birth dates, into one cluster. Checking at union time, on the
 * clusters rather than on the two records, is what stops a chain A–B–C from merging A and C when
 * A and C contradict each other.
 */
export class ConsistentUnionFind {
  private readonly parent: Int32Array;
  private readonly rank: Uint8Array;
  /** Per root: the cluster's CI and birth date, null while none is known. */
  private readonly ci: (string | null)[];
  private readonly birth: (string | null)[];

  constructor(ci: readonly (string | null)[], birth: readonly (string | null)[]) {
    const n = ci.length;
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.rank = new Uint8Array(n);
    this.ci = [...ci];
    this.birth = [...birth];
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  /** Why `a` and `b` may not be joined, or null if they may. */
  conflict(a: number, b: number, ignoreBirth = false): "ci_conflict" | "birth_conflict" | null {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return null;
    const ca = this.ci[ra];
    const cb = this.ci[rb];
    if (ca && cb && ca !== cb) return "ci_conflict";
    const ba = this.birth[ra];
    const bb = this.birth[rb];
    if (!ignoreBirth && ba && bb && ba !== bb) return "birth_conflict";
    return null;
  }

  /** Joins the two clusters; false if they were already one. Call `conflict` first. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.rank[ra]! < this.rank[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]!++;
    this.ci[ra] = this.ci[ra] ?? this.ci[rb] ?? null;
    this.birth[ra] = this.birth[ra] ?? this.birth[rb] ?? null;
    return true;
  }
}
