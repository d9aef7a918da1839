import {
  blockingKeys,
  ciConflict,
  compareRecords,
  deterministicKey,
  scorePair,
  THRESHOLDS,
  type Thresholds,
} from "./score.ts";
import type { LinkReason, MemberRecord } from "./types.ts";

/** A member record already linked to a golden customer (customer_source_link + customer.id). */
export interface LinkedRecord {
  customerId: string;
  record: MemberRecord;
}

export interface Candidate {
  customerId: string;
  reason: LinkReason;
  /** The best fuzzy score against any of the customer's records (null for a CI match). */
  score: number | null;
  evidence: string[];
  /** The customer's record that matched best. */
  matched: { division: string; memberNo: string };
}

export type MatchOutcome =
  /** The (division, member number) is already linked: an update, keep the link. */
  | { outcome: "known"; customerId: string }
  /**
   * Link to `customerId`. `alsoStrong`: other customers the record matches as strongly and
   * consistently, i.e. the record shows those customers are one person (a merge to propose).
   */
  | { outcome: "link"; customerId: string; link: Candidate; alsoStrong: Candidate[] }
  /** Nothing strong enough: create a customer, and put these (review-band) pairs before a person. */
  | { outcome: "new"; review: Candidate[] };

interface Customer {
  ci: string | null;
  births: string[];
  /** Slots of the customer's member records. */
  members: number[];
}

const refKey = (division: string, memberNo: string) => `${division}\u0000${memberNo}`;

/**
 * Slots (integers) stand for member records in the key maps, and a key held by one record (most
 * are) maps to the bare slot instead of a one-element array: at a million members, per-key
 * Sets of strings cost gigabytes.
 */
type Slots = number | number[];

function addSlot(map: Map<string, Slots>, key: string, slot: number): void {
  const held = map.get(key);
  if (held === undefined) map.set(key, slot);
  else if (typeof held === "number") map.set(key, [held, slot]);
  else held.push(slot);
}

function removeSlot(map: Map<string, Slots>, key: string, slot: number): void {
  const held = map.get(key);
  if (held === slot) map.delete(key);
  else if (Array.isArray(held)) {
    const rest = held.filter((s) => s !== slot);
    if (rest.length === 1) map.set(key, rest[0]!);
    else map.set(key, rest);
  }
}

function slotsOf(map: Map<string, Slots>, key: string): readonly number[] {
  const held = map.get(key);
  return held === undefined ? [] : typeof held === "number" ? [held] : held;
}

/**
 * The incremental side of identity resolution: an in-memory index of the member records already
 * linked to golden customers, built from arrays (e.g. customer_source_link rows), that matches
 * one incoming record at a time with the same rules as `resolveIdentities`. Feed a day's records
 * through `match` and `upsert` in order (or `assignIncoming`), so two new records of one person
 * on the same day find each other too.
 */
export class IdentityIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly held: (LinkedRecord | null)[] = [];
  private readonly byCi = new Map<string, string>();
  private readonly byDeterministic = new Map<string, Slots>();
  private readonly blocks = new Map<string, Slots>();
  private readonly customers = new Map<string, Customer>();

  constructor(
    entries: Iterable<LinkedRecord> = [],
    private readonly thresholds: Thresholds = THRESHOLDS,
    private readonly maxBlockSize = 200,
  ) {
    for (const e of entries) this.upsert(e.customerId, e.record);
  }

  get size(): number {
    return this.slotOf.size;
  }

  customerOf(division: string, memberNo: string): string | undefined {
    const slot = this.slotOf.get(refKey(division, memberNo));
    return slot === undefined ? undefined : this.held[slot]!.customerId;
  }

  /** Adds or replaces the member's record under `customerId`. */
  upsert(customerId: string, record: MemberRecord): void {
    const key = refKey(record.division, record.memberNo);
    if (this.slotOf.has(key)) this.remove(record.division, record.memberNo);
    const slot = this.held.length;
    this.held.push({ customerId, record });
    this.slotOf.set(key, slot);
    let customer = this.customers.get(customerId);
    if (!customer) {
      customer = { ci: null, births: [], members: [] };
      this.customers.set(customerId, customer);
    }
    customer.members.push(slot);
    if (record.ciHash) {
      customer.ci ??= record.ciHash;
      this.byCi.set(record.ciHash, customerId);
    }
    if (record.birthDate && !customer.births.includes(record.birthDate)) customer.births.push(record.birthDate);
    const det = deterministicKey(record);
    if (det) addSlot(this.byDeterministic, det, slot);
    for (const k of blockingKeys(record)) addSlot(this.blocks, k, slot);
  }

  /** Withdrawal or unlinking: the record no longer takes part in matching. */
  remove(division: string, memberNo: string): void {
    const key = refKey(division, memberNo);
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    const { record, customerId } = this.held[slot]!;
    this.slotOf.delete(key);
    this.held[slot] = null;
    const det = deterministicKey(record);
    if (det) removeSlot(this.byDeterministic, det, slot);
    for (const k of blockingKeys(record)) removeSlot(this.blocks, k, slot);
    const customer = this.customers.get(customerId)!;
    customer.members = customer.members.filter((m) => m !== slot);
    // Rebuild the customer's CI and birth dates from what is left.
    customer.ci = null;
    customer.births = [];
    for (const m of customer.members) {
      const r = this.held[m]!.record;
      customer.ci ??= r.ciHash;
      if (r.birthDate && !customer.births.includes(r.birthDate)) customer.births.push(r.birthDate);
    }
    if (record.ciHash && this.byCi.get(record.ciHash) === customerId && customer.ci !== record.ciHash) {
      this.byCi.delete(record.ciHash);
    }
    if (customer.members.length === 0) this.customers.delete(customerId);
  }

  /**
   * Moves every record of `mergedId` under `survivorId` (after the ETL merged the two customers,
   * e.g. on a `link` outcome's `alsoStrong`). Refuses, returning false, if the two customers hold
   * different CIs.
   */
  mergeCustomers(survivorId: string, mergedId: string): boolean {
    const survivor = this.customers.get(survivorId);
    const merged = this.customers.get(mergedId);
    if (!survivor || !merged || survivorId === mergedId) return false;
    if (survivor.ci && merged.ci && survivor.ci !== merged.ci) return false;
    for (const slot of [...merged.members]) this.upsert(survivorId, this.held[slot]!.record);
    return true;
  }

  /**
   * Could customers `a` and `b` be one person: not two different CIs, at most one known birth date
   * between them (the consistency rule of a union, for a merge the caller proposes itself).
   */
  compatible(a: string, b: string): boolean {
    const x = this.customers.get(a);
    const y = this.customers.get(b);
    if (!x || !y || a === b) return false;
    if (x.ci && y.ci && x.ci !== y.ci) return false;
    return new Set([...x.births, ...y.births]).size <= 1;
  }

  /** May `record` join `customerId` without two CIs or two birth dates in one customer? */
  private consistent(customerId: string, record: MemberRecord, reason: LinkReason): boolean {
    const c = this.customers.get(customerId)!;
    if (record.ciHash && c.ci && c.ci !== record.ciHash) return false;
    if (reason === "ci" || !record.birthDate) return true;
    return c.births.length === 0 || (c.births.length === 1 && c.births[0] === record.birthDate);
  }

  match(record: MemberRecord): MatchOutcome {
    const known = this.customerOf(record.division, record.memberNo);
    if (known !== undefined) return { outcome: "known", customerId: known };

    const strong = new Map<string, Candidate>();
    const band = new Map<string, Candidate>();
    const offer = (into: Map<string, Candidate>, c: Candidate) => {
      const held = into.get(c.customerId);
      if (!held || rank(c) > rank(held)) into.set(c.customerId, c);
    };

    if (record.ciHash) {
      const customerId = this.byCi.get(record.ciHash);
      if (customerId !== undefined) {
        offer(strong, {
          customerId,
          reason: "ci",
          score: null,
          evidence: ["ci:equal"],
          matched: this.anyMember(customerId),
        });
      }
    }

    const det = deterministicKey(record);
    const seen = new Set<number>();
    for (const slot of det ? slotsOf(this.byDeterministic, det) : []) {
      seen.add(slot);
      const other = this.held[slot]!;
      if (ciConflict(record, other.record)) continue;
      const { score, evidence } = compareRecords(record, other.record);
      const c = {
        customerId: other.customerId,
        reason: "deterministic" as const,
        score,
        evidence,
        matched: ref(other),
      };
      offer(strong, c);
    }

    for (const k of blockingKeys(record)) {
      const block = slotsOf(this.blocks, k);
      if (block.length > this.maxBlockSize) continue;
      for (const slot of block) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        const other = this.held[slot]!;
        if (ciConflict(record, other.record)) continue;
        const score = scorePair(record, other.record);
        if (score < this.thresholds.review) continue;
        const { evidence } = compareRecords(record, other.record);
        const c = { customerId: other.customerId, reason: "fuzzy" as const, score, evidence, matched: ref(other) };
        offer(score >= this.thresholds.autoMerge ? strong : band, c);
      }
    }

    const ordered = [...strong.values()].sort((x, y) => rank(y) - rank(x));
    const usable = ordered.filter((c) => this.consistent(c.customerId, record, c.reason));
    const [best, ...rest] = usable;
    if (best) {
      // Another customer joins only if it is consistent with the chosen one, as in the batch.
      const chosen = this.customers.get(best.customerId)!;
      const alsoStrong = rest.filter((c) => {
        const other = this.customers.get(c.customerId)!;
        if (chosen.ci && other.ci && chosen.ci !== other.ci) return false;
        return c.reason === "ci" || new Set([...chosen.births, ...other.births]).size <= 1;
      });
      return { outcome: "link", customerId: best.customerId, link: best, alsoStrong };
    }
    // Strong but inconsistent matches are exactly the ones a person must look at.
    const review = [...ordered, ...[...band.values()].filter((c) => !strong.has(c.customerId))];
    return { outcome: "new", review: review.sort((x, y) => rank(y) - rank(x)) };
  }

  private anyMember(customerId: string): { division: string; memberNo: string } {
    return ref(this.held[this.customers.get(customerId)!.members[0]!]!);
  }
}

function ref(l: LinkedRecord): { division: string; memberNo: string } {
  return { division: l.record.division, memberNo: l.record.memberNo };
}

/** CI beats deterministic beats fuzzy; within a kind the higher score wins. */
function rank(c: Candidate): number {
  const base = c.reason === "ci" ? 2000 : c.reason === "deterministic" ? 1000 : 0;
  return base + (c.score ?? 0);
}

export interface IncomingDecision {
  record: MemberRecord;
  customerId: string;
  /** True when `customerId` was newly issued for this record. */
  created: boolean;
  outcome: MatchOutcome;
  /** Customers merged into `customerId` because this record matched them strongly too. */
  merged: string[];
}

/**
 * The recommended daily flow over a day's records, in file order: match, link (or issue a new
 * id), upsert, and merge the consistent `alsoStrong` customers, as the batch would have. The
 * index is updated in place; `newCustomerId` issues ids (e.g. placeholders the loader replaces
 * with database ids).
 */
export function assignIncoming(
  index: IdentityIndex,
  records: Iterable<MemberRecord>,
  newCustomerId: (record: MemberRecord) => string,
): IncomingDecision[] {
  const decisions: IncomingDecision[] = [];
  for (const record of records) {
    const outcome = index.match(record);
    const created = outcome.outcome === "new";
    const customerId = outcome.outcome === "new" ? newCustomerId(record) : outcome.customerId;
    index.upsert(customerId, record);
    const merged: string[] = [];
    if (outcome.outcome === "link") {
      for (const other of outcome.alsoStrong)
        if (index.mergeCustomers(customerId, other.customerId)) merged.push(other.customerId);
    }
    decisions.push({ record, customerId, created, outcome, merged });
  }
  return decisions;
}
