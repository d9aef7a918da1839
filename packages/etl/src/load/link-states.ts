/**
 * What the member load needs to know of every source link between batches: its customer (for an
 * inferred link a member row completes), whether it is inferred, and its withdrawal and change
 * times. At bench scale that is one entry per link for 1.5M+ links, kept in the worker for the
 * whole delivery: a `{customerId, inferred, withdrawnAt: Date, changedAt: Date}` object per link
 * cost ~200 bytes, these typed columns ~25 plus the key.
 */
export interface LinkState {
  /** "" while the link's customer is being decided in the current chunk */
  customerId: string;
  inferred: boolean;
  withdrawnAt: Date | null;
  changedAt: Date | null;
}

const INITIAL_CAPACITY = 1024;

export class LinkStates {
  private readonly slotOf = new Map<string, number>();
  private customer = new Float64Array(INITIAL_CAPACITY);
  private inferred = new Uint8Array(INITIAL_CAPACITY);
  private withdrawnAt = new Float64Array(INITIAL_CAPACITY);
  private changedAt = new Float64Array(INITIAL_CAPACITY);

  get size(): number {
    return this.slotOf.size;
  }

  /** A snapshot: change a link through `set` or `markWithdrawn`, not through the returned object. */
  get(key: string): LinkState | undefined {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return undefined;
    const customer = this.customer[slot]!;
    return {
      customerId: Number.isNaN(customer) ? "" : String(customer),
      inferred: this.inferred[slot] === 1,
      withdrawnAt: dateOf(this.withdrawnAt[slot]!),
      changedAt: dateOf(this.changedAt[slot]!),
    };
  }

  set(key: string, state: LinkState): void {
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      slot = this.slotOf.size;
      if (slot === this.customer.length) this.grow();
      this.slotOf.set(key, slot);
    }
    // Customer ids are bigint sequence values, far below 2^53.
    this.customer[slot] = state.customerId === "" ? Number.NaN : Number(state.customerId);
    this.inferred[slot] = state.inferred ? 1 : 0;
    this.withdrawnAt[slot] = state.withdrawnAt?.getTime() ?? Number.NaN;
    this.changedAt[slot] = state.changedAt?.getTime() ?? Number.NaN;
  }

  markWithdrawn(key: string, at: Date): void {
    const slot = this.slotOf.get(key);
    if (slot !== undefined) this.withdrawnAt[slot] = at.getTime();
  }

  private grow(): void {
    const capacity = this.customer.length * 2;
    const widen = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.customer = widen(this.customer, new Float64Array(capacity));
    this.inferred = widen(this.inferred, new Uint8Array(capacity));
    this.withdrawnAt = widen(this.withdrawnAt, new Float64Array(capacity));
    this.changedAt = widen(this.changedAt, new Float64Array(capacity));
  }
}

function dateOf(ms: number): Date | null {
  return Number.isNaN(ms) ? null : new Date(ms);
}
