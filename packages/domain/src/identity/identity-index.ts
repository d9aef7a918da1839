import {
  addressKey,
  blockingKeys,
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

/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's mix so the low (bucket) bits spread. */
function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

const DETERMINISTIC_SEED = 0x2545f491;
const BLOCKING_SEED = 0x6c8e9cf5;

/**
 * E-mails and addresses are only ever compared for equality, so a 53-bit hash stands for them
 * (two people's differing in a 53-bit hash by chance: ~10⁻¹⁶ per pair scored). 0 means none.
 */
function hash53(s: string): number {
  return (hash32(s, 0x9e3779b9) >>> 0) * 2097152 + (hash32(s, 0x7f4a7c15) >>> 11 || 1);
}

const emailHash = (email: string | null): number => (email ? hash53(email) : 0);
const addressHash = (address: string | null): number => (address ? hash53(addressKey(address)) : 0);

type IntArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

function resized<T extends IntArray>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.length <= length ? a : (a.subarray(0, length) as T));
  if (fill !== 0 && length > a.length) b.fill(fill, a.length);
  return b;
}

/** Strings to small ids and back, for the rare values the compact encodings below cannot hold. */
class Interner {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];
  constructor(private readonly base: number) {}
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.base + this.values.length;
      this.ids.set(s, id);
      this.values.push(s);
    }
    return id;
  }
  /** The id without interning: -1 for a string never seen (equal to nothing held). */
  peek(s: string): number {
    return this.ids.get(s) ?? -1;
  }
  value(id: number): string {
    return this.values[id - this.base]!;
  }
}

/**
 * A multimap from 32-bit key hashes to slots in typed arrays: bucket heads plus per-entry next,
 * slot and hash. Entries are appended in slot order and never unlinked (a dead slot is skipped),
 * so a chain read backwards gives a key's slots oldest first, the order the map of arrays it
 * replaces kept.
 */
class KeyTable {
  private heads: Int32Array;
  private next: Int32Array;
  private slots: Int32Array;
  hashes: Int32Array;
  count = 0;

  constructor(entries = 1024) {
    const n = Math.max(1024, entries);
    this.heads = new Int32Array(2 ** Math.ceil(Math.log2(n))).fill(-1);
    this.next = new Int32Array(n);
    this.slots = new Int32Array(n);
    this.hashes = new Int32Array(n);
  }

  add(hash: number, slot: number): number {
    const e = this.count++;
    if (e === this.next.length) {
      const cap = Math.ceil(e * 1.5);
      this.next = resized(this.next, cap);
      this.slots = resized(this.slots, cap);
      this.hashes = resized(this.hashes, cap);
    }
    this.slots[e] = slot;
    this.hashes[e] = hash;
    if (this.count > this.heads.length) this.rehash(this.heads.length * 2);
    else this.link(e);
    return e;
  }

  /** The live slots holding `hash` (a collision adds a few), oldest first, each once. */
  collect(hash: number, alive: Uint8Array, out: number[]): void {
    out.length = 0;
    for (let e = this.heads[hash & (this.heads.length - 1)]!; e !== -1; e = this.next[e]!) {
      const slot = this.slots[e]!;
      // A slot's entries are consecutive, so two of its keys colliding show up side by side.
      if (this.hashes[e] === hash && alive[slot] === 1 && out[out.length - 1] !== slot) out.push(slot);
    }
    out.reverse();
  }

  private link(e: number): void {
    const b = this.hashes[e]! & (this.heads.length - 1);
    this.next[e] = this.heads[b]!;
    this.heads[b] = e;
  }

  private rehash(buckets: number): void {
    this.heads = new Int32Array(buckets).fill(-1);
    for (let e = 0; e < this.count; e++) this.link(e);
  }
}

/** How a CI is held: 64 hex digits as eight 32-bit words, anything else through an Interner. */
const CI_NONE = 0;
const CI_HEX = 1;
const CI_HEX_UPPER = 2;
const CI_OTHER = 3;
const CI_EMPTY = 4;

/**
 * The distinct CIs held, each once with a reference count (one person's memberships share it),
 * plus what the map from CI to customer held: the customer a CI links to, or -1.
 */
class CiPool {
  private heads = new Int32Array(1024).fill(-1);
  private next = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  private words = new Uint32Array(8 * 1024);
  private refs = new Int32Array(1024);
  private owners = new Int32Array(1024).fill(-1);
  private used = 0;
  private free = -1;
  private live = 0;
  private readonly probe = new Uint32Array(8);
  private readonly others = new Interner(0);

  /** Parses `ci` into the probe; returns its kind. */
  private parse(ci: string | null | undefined, intern: boolean): number {
    if (ci === null || ci === undefined) return CI_NONE;
    this.probe.fill(0);
    if (ci === "") return CI_EMPTY;
    const hex = /^[0-9a-f]{64}$/.test(ci) ? CI_HEX : /^[0-9A-F]{64}$/.test(ci) ? CI_HEX_UPPER : CI_OTHER;
    if (hex !== CI_OTHER) {
      for (let i = 0; i < 8; i++) this.probe[i] = Number.parseInt(ci.slice(i * 8, i * 8 + 8), 16);
    } else {
      this.probe[0] = intern ? this.others.id(ci) : this.others.peek(ci);
    }
    return hex;
  }

  private bucket(kind: number, words: Uint32Array, at: number): number {
    return (kind === CI_OTHER ? mix32(words[at]!) : words[at]! ^ kind) & (this.heads.length - 1);
  }

  private find(kind: number): number {
    for (let e = this.heads[this.bucket(kind, this.probe, 0)]!; e !== -1; e = this.next[e]!) {
      if (this.kinds[e] !== kind) continue;
      let i = 0;
      while (i < 8 && this.words[e * 8 + i] === this.probe[i]) i++;
      if (i === 8) return e;
    }
    return -1;
  }

  /** The entry holding `ci` (a new reference to it), or -1 for a null CI. */
  acquire(ci: string | null | undefined): number {
    const kind = this.parse(ci, true);
    if (kind === CI_NONE) return -1;
    let e = this.find(kind);
    if (e === -1) {
      if (this.free !== -1) {
        e = this.free;
        this.free = this.next[e]!;
      } else {
        e = this.used++;
        if (e === this.kinds.length) this.grow(Math.ceil(e * 1.5));
      }
      this.kinds[e] = kind;
      this.words.set(this.probe, e * 8);
      this.refs[e] = 0;
      this.owners[e] = -1;
      if (++this.live > this.heads.length) this.rehash(this.heads.length * 2);
      else this.link(e);
    }
    this.refs[e]!++;
    return e;
  }

  /** The entry holding `ci` without taking a reference: -1 when no record holds it (or it is null). */
  lookup(ci: string | null | undefined): number {
    const kind = this.parse(ci, false);
    return kind === CI_NONE ? -1 : this.find(kind);
  }

  retain(e: number): void {
    if (e !== -1) this.refs[e]!++;
  }

  release(e: number): void {
    if (e === -1 || --this.refs[e]! > 0 || this.owners[e] !== -1) return;
    const b = this.bucket(this.kinds[e]!, this.words, e * 8);
    if (this.heads[b] === e) this.heads[b] = this.next[e]!;
    else {
      let p = this.heads[b]!;
      while (this.next[p] !== e) p = this.next[p]!;
      this.next[p] = this.next[e]!;
    }
    this.next[e] = this.free;
    this.free = e;
    this.live--;
  }

  /** A CI JavaScript would call truthy (not the empty string). */
  truthy(e: number): boolean {
    return e !== -1 && this.kinds[e] !== CI_EMPTY;
  }

  /** The customer this CI links to (the old `Map<ci, customerId>`), or -1. */
  owner(e: number): number {
    return e === -1 ? -1 : this.owners[e]!;
  }

  setOwner(e: number, customer: number): void {
    this.owners[e] = customer;
  }

  private link(e: number): void {
    const b = this.bucket(this.kinds[e]!, this.words, e * 8);
    this.next[e] = this.heads[b]!;
    this.heads[b] = e;
  }

  private rehash(buckets: number): void {
    const onFree = new Uint8Array(this.used);
    for (let e = this.free; e !== -1; e = this.next[e]!) onFree[e] = 1;
    this.heads = new Int32Array(buckets).fill(-1);
    for (let e = 0; e < this.used; e++) if (onFree[e] === 0) this.link(e);
  }

  private grow(cap: number): void {
    this.next = resized(this.next, cap);
    this.kinds = resized(this.kinds, cap);
    this.words = resized(this.words, cap * 8);
    this.refs = resized(this.refs, cap);
    this.owners = resized(this.owners, cap, -1);
  }
}

/**
 * Phones as numbers: the digits, their count and where the two dashes go, packed into one
 * double (`010-1234-5678` → 1012345678·1024 + 11·64 + 3·8 + 4); a spelling this cannot hold
 * round-trip is interned and stored negated. 0 means none.
 */
function packPhone(phone: string): number {
  const m = /^(\d{1,7})-(\d{1,7})-(\d+)$/.exec(phone);
  const d = m ? m[1]! + m[2]! + m[3]! : /^\d+$/.test(phone) ? phone : "";
  if (d.length === 0 || d.length > 12) return 0;
  return Number(d) * 1024 + d.length * 64 + (m ? m[1]!.length * 8 + m[2]!.length : 0);
}

function unpackPhone(code: number): string {
  const low = code % 1024;
  const d = String((code - low) / 1024).padStart(low >> 6, "0");
  const g1 = (low >> 3) & 7;
  const g2 = low & 7;
  return g1 === 0 ? d : `${d.slice(0, g1)}-${d.slice(g1, g1 + g2)}-${d.slice(g1 + g2)}`;
}

/** `YYYY-MM-DD` as YYYYMMDD + 1, a 5-digit zip as its number + 1; 0 means none. */
function packBirth(birth: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(birth) ? Number(birth.replace(/-/g, "")) + 1 : 0;
}

function unpackBirth(code: number): string {
  const d = String(code - 1).padStart(8, "0");
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
}

const packZip = (zip: string): number => (/^\d{5}$/.test(zip) ? Number(zip) + 1 : 0);
const unpackZip = (code: number): string => String(code - 1).padStart(5, "0");

/** Interned ids start above every packed birth date and zip. */
const ODD_BASE = 100_000_000;

const EPOCH = new Date(0);

/**
 * The incoming record's fields in the stored encodings, for rebuilding candidates against it:
 * a candidate field equal to the incoming one takes the incoming string, a differing e-mail or
 * address a stand-in that differs from it (only their equality is stored).
 */
interface Probe {
  record: MemberRecord;
  phone: number;
  birth: number;
  zip: number;
  email: number;
  address: number;
  otherEmail: string;
  otherAddress: string;
}

/**
 * The incremental side of identity resolution: an in-memory index of the member records already
 * linked to golden customers, built from arrays (e.g. customer_source_link rows), that matches
 * one incoming record at a time with the same rules as `resolveIdentities`. Feed a day's records
 * through `match` and `upsert` in order (or `assignIncoming`), so two new records of one person
 * on the same day find each other too.
 *
 * It holds a million members in a few hundred MB (docs/etl.md, "Memory"): records are columns
 * indexed by slot holding only what scoring reads (e-mail and address as hashes), keys are 32-bit
 * hashes in typed-array tables, and a candidate is rebuilt as a light `MemberRecord` for the
 * scorer. An upsert takes a new slot and leaves the old one dead in the key tables; the slots are
 * compacted once the dead outnumber the live.
 */
export class IdentityIndex {
  private readonly divisions = new Interner(0);
  private readonly genders = new Interner(1);
  /** Birth dates, zips and phones in spellings the packed forms cannot hold. */
  private readonly odd = new Interner(ODD_BASE);
  /** Per division: member number → slot. */
  private readonly slotOf: Map<string, number>[] = [];
  private live = 0;
  private dead = 0;

  // Columns by slot.
  private slots = 0;
  private capacity = 0;
  private alive = new Uint8Array(0);
  private division = new Uint16Array(0);
  private gender = new Uint16Array(0);
  private blockCount = new Uint8Array(0);
  private phone = new Float64Array(0);
  private email = new Float64Array(0);
  private address = new Float64Array(0);
  private birth = new Int32Array(0);
  private zip = new Int32Array(0);
  private ci = new Int32Array(0);
  private customer = new Int32Array(0);
  /** The next slot of the same customer, in the order the customer gained them. */
  private memberNext = new Int32Array(0);
  private detEntry = new Int32Array(0);
  private blockFirst = new Int32Array(0);
  private memberNo: string[] = [];
  private name: (string | null)[] = [];

  private detTable = new KeyTable();
  private blockTable = new KeyTable();
  private readonly cis = new CiPool();

  // Customers by index (indexes of deleted customers are reused).
  private readonly customerIndex = new Map<string, number>();
  private customerIds: string[] = [];
  private freeCustomers: number[] = [];
  private custCi = new Int32Array(0);
  /** The first birth date among the members, and whether they hold a second one. */
  private custBirth = new Int32Array(0);
  private custBirths2 = new Uint8Array(0);
  private custHead = new Int32Array(0);
  private custTail = new Int32Array(0);

  private readonly scratch: number[] = [];
  private readonly scratchView: MemberRecord = {
    division: "",
    memberNo: "",
    name: null,
    phone: null,
    birthDate: null,
    email: null,
    zip: null,
    address: null,
    ciHash: null,
    changedAt: EPOCH,
    gender: null,
  };

  /**
   * @param keyHash how keys hash to 32 bits; only tests pass one (to force collisions).
   */
  constructor(
    entries: Iterable<LinkedRecord> = [],
    private readonly thresholds: Thresholds = THRESHOLDS,
    private readonly maxBlockSize = 200,
    private readonly keyHash: (key: string, seed: number) => number = hash32,
  ) {
    for (const e of entries) this.upsert(e.customerId, e.record);
  }

  get size(): number {
    return this.live;
  }

  customerOf(division: string, memberNo: string): string | undefined {
    const slot = this.slotOfMember(division, memberNo);
    return slot === undefined ? undefined : this.customerIds[this.customer[slot]!];
  }

  private slotOfMember(division: string, memberNo: string): number | undefined {
    const d = this.divisions.peek(division);
    return d === -1 ? undefined : this.slotOf[d]?.get(memberNo);
  }

  /** Adds or replaces the member's record under `customerId`. */
  upsert(customerId: string, record: MemberRecord): void {
    this.compactIfMostlyDead();
    if (this.slotOfMember(record.division, record.memberNo) !== undefined) {
      this.remove(record.division, record.memberNo);
    }
    const slot = this.newSlot();
    const d = this.divisions.id(record.division);
    this.division[slot] = d;
    this.memberNo[slot] = record.memberNo;
    this.name[slot] = record.name || null;
    this.phone[slot] = this.phoneCode(record.phone, true);
    this.birth[slot] = this.birthCode(record.birthDate, true);
    this.zip[slot] = this.zipCode(record.zip, true);
    this.email[slot] = emailHash(record.email);
    this.address[slot] = addressHash(record.address);
    this.gender[slot] = record.gender ? this.genders.id(record.gender) : 0;
    this.ci[slot] = this.cis.acquire(record.ciHash);
    const det = deterministicKey(record);
    this.detEntry[slot] = det ? this.detTable.add(this.keyHash(det, DETERMINISTIC_SEED), slot) : -1;
    const keys = blockingKeys(record);
    this.blockFirst[slot] = this.blockTable.count;
    this.blockCount[slot] = keys.length;
    for (const k of keys) this.blockTable.add(this.keyHash(k, BLOCKING_SEED), slot);
    this.attach(slot, customerId);
  }

  /** The slot joins the customer (created if new): its member list, CI, birth dates. */
  private attach(slot: number, customerId: string): void {
    const d = this.division[slot]!;
    let bySlot = this.slotOf[d];
    if (!bySlot) {
      bySlot = new Map();
      this.slotOf[d] = bySlot;
    }
    bySlot.set(this.memberNo[slot]!, slot);
    this.live++;
    let c = this.customerIndex.get(customerId);
    if (c === undefined) c = this.newCustomer(customerId);
    this.customer[slot] = c;
    this.memberNext[slot] = -1;
    if (this.custTail[c] === -1) this.custHead[c] = slot;
    else this.memberNext[this.custTail[c]!] = slot;
    this.custTail[c] = slot;
    const ci = this.ci[slot]!;
    if (this.cis.truthy(ci)) {
      if (this.custCi[c] === -1) this.custCi[c] = ci;
      this.cis.setOwner(ci, c);
    }
    this.addBirth(c, this.birth[slot]!);
  }

  private addBirth(c: number, birth: number): void {
    if (birth === 0) return;
    if (this.custBirth[c] === 0) this.custBirth[c] = birth;
    else if (this.custBirth[c] !== birth) this.custBirths2[c] = 1;
  }

  /** Withdrawal or unlinking: the record no longer takes part in matching. */
  remove(division: string, memberNo: string): void {
    const slot = this.slotOfMember(division, memberNo);
    if (slot === undefined) return;
    this.slotOf[this.division[slot]!]!.delete(memberNo);
    this.alive[slot] = 0;
    this.live--;
    this.dead++;
    this.name[slot] = null;
    this.memberNo[slot] = "";
    const c = this.customer[slot]!;
    // Unlink the slot and rebuild the customer's CI and birth dates from what is left.
    this.custCi[c] = -1;
    this.custBirth[c] = 0;
    this.custBirths2[c] = 0;
    let prev = -1;
    for (let m = this.custHead[c]!; m !== -1; m = this.memberNext[m]!) {
      if (m === slot) {
        if (prev === -1) this.custHead[c] = this.memberNext[m]!;
        else this.memberNext[prev] = this.memberNext[m]!;
        if (this.custTail[c] === m) this.custTail[c] = prev;
        continue;
      }
      if (this.custCi[c] === -1) this.custCi[c] = this.ci[m]!;
      this.addBirth(c, this.birth[m]!);
      prev = m;
    }
    const ci = this.ci[slot]!;
    if (this.cis.truthy(ci) && this.cis.owner(ci) === c && this.custCi[c] !== ci) this.cis.setOwner(ci, -1);
    this.cis.release(ci);
    if (this.custHead[c] === -1) {
      this.customerIndex.delete(this.customerIds[c]!);
      this.customerIds[c] = "";
      this.freeCustomers.push(c);
    }
  }

  /**
   * Moves every record of `mergedId` under `survivorId` (after the ETL merged the two customers,
   * e.g. on a `link` outcome's `alsoStrong`). Refuses, returning false, if the two customers hold
   * different CIs.
   */
  mergeCustomers(survivorId: string, mergedId: string): boolean {
    this.compactIfMostlyDead();
    const survivor = this.customerIndex.get(survivorId);
    const merged = this.customerIndex.get(mergedId);
    if (survivor === undefined || merged === undefined || survivorId === mergedId) return false;
    if (this.ciDiffers(survivor, merged)) return false;
    const slots: number[] = [];
    for (let m = this.custHead[merged]!; m !== -1; m = this.memberNext[m]!) slots.push(m);
    // As an upsert of the same record would: the record leaves its slot for a new one.
    for (const old of slots) {
      const slot = this.newSlot();
      this.division[slot] = this.division[old]!;
      this.memberNo[slot] = this.memberNo[old]!;
      this.name[slot] = this.name[old]!;
      this.phone[slot] = this.phone[old]!;
      this.birth[slot] = this.birth[old]!;
      this.zip[slot] = this.zip[old]!;
      this.email[slot] = this.email[old]!;
      this.address[slot] = this.address[old]!;
      this.gender[slot] = this.gender[old]!;
      this.ci[slot] = this.ci[old]!;
      this.cis.retain(this.ci[slot]!);
      this.copyKeys({ det: this.detTable, blocks: this.blockTable }, old, slot);
      this.remove(this.divisions.value(this.division[slot]!), this.memberNo[slot]!);
      this.attach(slot, survivorId);
    }
    return true;
  }

  /** Gives `to` the key entries slot `from` of `source` (its tables, before a compaction) had. */
  private copyKeys(source: { det: KeyTable; blocks: KeyTable }, from: number, to: number): void {
    const det = this.detEntry[from]!;
    const first = this.blockFirst[from]!;
    const count = this.blockCount[from]!;
    this.detEntry[to] = det === -1 ? -1 : this.detTable.add(source.det.hashes[det]!, to);
    this.blockFirst[to] = this.blockTable.count;
    this.blockCount[to] = count;
    for (let e = first; e < first + count; e++) this.blockTable.add(source.blocks.hashes[e]!, to);
  }

  /** Two CIs JavaScript calls truthy and that differ. */
  private ciDiffers(a: number, b: number): boolean {
    const x = this.custCi[a]!;
    const y = this.custCi[b]!;
    return this.cis.truthy(x) && this.cis.truthy(y) && x !== y;
  }

  /** At most one known birth date between the two customers. */
  private oneBirth(a: number, b: number): boolean {
    if (this.custBirths2[a] === 1 || this.custBirths2[b] === 1) return false;
    const x = this.custBirth[a]!;
    const y = this.custBirth[b]!;
    return x === 0 || y === 0 || x === y;
  }

  /**
   * Could customers `a` and `b` be one person: not two different CIs, at most one known birth date
   * between them (the consistency rule of a union, for a merge the caller proposes itself).
   */
  compatible(a: string, b: string): boolean {
    const x = this.customerIndex.get(a);
    const y = this.customerIndex.get(b);
    if (x === undefined || y === undefined || a === b) return false;
    return !this.ciDiffers(x, y) && this.oneBirth(x, y);
  }

  /** May a record (its CI entry, -1 when unknown or none, and birth code) join customer `c`? */
  private consistent(c: number, record: MemberRecord, ci: number, birth: number, reason: LinkReason): boolean {
    const held = this.custCi[c]!;
    // A CI no member holds differs from every customer's.
    if (record.ciHash && this.cis.truthy(held) && held !== ci) return false;
    if (reason === "ci" || !record.birthDate) return true;
    return this.custBirth[c] === 0 || (this.custBirths2[c] === 0 && this.custBirth[c] === birth);
  }

  match(record: MemberRecord): MatchOutcome {
    const known = this.customerOf(record.division, record.memberNo);
    if (known !== undefined) return { outcome: "known", customerId: known };

    const strong = new Map<number, Candidate>();
    const band = new Map<number, Candidate>();
    const offer = (into: Map<number, Candidate>, c: number, candidate: Candidate) => {
      const held = into.get(c);
      if (!held || rank(candidate) > rank(held)) into.set(c, candidate);
    };
    const ci = this.cis.lookup(record.ciHash);
    const birth = this.birthCode(record.birthDate, false);

    if (record.ciHash && ci !== -1) {
      const c = this.cis.owner(ci);
      if (c !== -1) {
        offer(strong, c, {
          customerId: this.customerIds[c]!,
          reason: "ci",
          score: null,
          evidence: ["ci:equal"],
          matched: this.ref(this.custHead[c]!),
        });
      }
    }

    const probe: Probe = {
      record,
      phone: this.phoneCode(record.phone, false),
      birth,
      zip: this.zipCode(record.zip, false),
      email: emailHash(record.email),
      address: addressHash(record.address),
      otherEmail: record.email === "\u0000" ? "\u0001" : "\u0000",
      otherAddress: record.address && addressKey(record.address) === "\u0000" ? "\u0001" : "\u0000",
    };
    // A CI no member holds (ci -1) differs from every stored one.
    const conflicts = (slot: number) => record.ciHash != null && this.ci[slot] !== -1 && this.ci[slot] !== ci;
    const det = deterministicKey(record);
    const seen = new Set<number>();
    const slots = this.scratch;
    if (det) this.detTable.collect(this.keyHash(det, DETERMINISTIC_SEED), this.alive, slots);
    else slots.length = 0;
    for (const slot of slots) {
      const other = this.view(slot, probe);
      // A hash collision must not pass for the deterministic key.
      if (deterministicKey(other) !== det) continue;
      seen.add(slot);
      if (conflicts(slot)) continue;
      const { score, evidence } = compareRecords(record, other);
      const c = this.customer[slot]!;
      offer(strong, c, {
        customerId: this.customerIds[c]!,
        reason: "deterministic",
        score,
        evidence,
        matched: this.ref(slot),
      });
    }

    for (const k of blockingKeys(record)) {
      this.blockTable.collect(this.keyHash(k, BLOCKING_SEED), this.alive, slots);
      if (slots.length > this.maxBlockSize) continue;
      for (const slot of slots) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        if (conflicts(slot)) continue;
        const other = this.view(slot, probe);
        const score = scorePair(record, other);
        if (score < this.thresholds.review) continue;
        const { evidence } = compareRecords(record, other);
        const c = this.customer[slot]!;
        const candidate = {
          customerId: this.customerIds[c]!,
          reason: "fuzzy" as const,
          score,
          evidence,
          matched: this.ref(slot),
        };
        offer(score >= this.thresholds.autoMerge ? strong : band, c, candidate);
      }
    }

    const ordered = [...strong].sort(([, x], [, y]) => rank(y) - rank(x));
    const usable = ordered.filter(([c, cand]) => this.consistent(c, record, ci, birth, cand.reason));
    const [best, ...rest] = usable;
    if (best) {
      const [chosen, link] = best;
      // Another customer joins only if it is consistent with the chosen one, as in the batch.
      const alsoStrong = rest
        .filter(([c, cand]) => !this.ciDiffers(chosen, c) && (cand.reason === "ci" || this.oneBirth(chosen, c)))
        .map(([, cand]) => cand);
      return { outcome: "link", customerId: link.customerId, link, alsoStrong };
    }
    // Strong but inconsistent matches are exactly the ones a person must look at.
    const review = [
      ...ordered.map(([, cand]) => cand),
      ...[...band].filter(([c]) => !strong.has(c)).map(([, cand]) => cand),
    ];
    return { outcome: "new", review: review.sort((x, y) => rank(y) - rank(x)) };
  }

  private ref(slot: number): { division: string; memberNo: string } {
    return { division: this.divisions.value(this.division[slot]!), memberNo: this.memberNo[slot]! };
  }

  /**
   * A stored record as the scorer reads it, compared with `p` (no CI: it is compared apart). One
   * object, refilled per candidate: the scorer keeps nothing of it.
   */
  private view(slot: number, p: Probe): MemberRecord {
    const v = this.scratchView;
    const phone = this.phone[slot]!;
    const birth = this.birth[slot]!;
    const zip = this.zip[slot]!;
    const email = this.email[slot]!;
    const address = this.address[slot]!;
    const gender = this.gender[slot]!;
    v.division = this.divisions.value(this.division[slot]!);
    v.memberNo = this.memberNo[slot]!;
    v.name = this.name[slot]!;
    v.phone =
      phone === 0 ? null : phone === p.phone ? p.record.phone : phone < 0 ? this.odd.value(-phone) : unpackPhone(phone);
    v.birthDate =
      birth === 0
        ? null
        : birth === p.birth
          ? p.record.birthDate
          : birth >= ODD_BASE
            ? this.odd.value(birth)
            : unpackBirth(birth);
    v.email = email === 0 ? null : email === p.email ? p.record.email : p.otherEmail;
    v.zip = zip === 0 ? null : zip === p.zip ? p.record.zip : zip >= ODD_BASE ? this.odd.value(zip) : unpackZip(zip);
    v.address = address === 0 ? null : address === p.address ? p.record.address : p.otherAddress;
    v.gender = gender === 0 ? null : (this.genders.value(gender) as MemberRecord["gender"]);
    return v;
  }

  /** 0 for none; NaN (equal to nothing held) for a spelling never stored when not interning. */
  private phoneCode(phone: string | null, intern: boolean): number {
    if (!phone) return 0;
    const code = packPhone(phone);
    if (code !== 0 && unpackPhone(code) === phone) return code;
    const id = intern ? this.odd.id(phone) : this.odd.peek(phone);
    return id === -1 ? Number.NaN : -id;
  }

  /** 0 for none; -1 (equal to nothing held) for a spelling never stored when not interning. */
  private zipCode(zip: string | null, intern: boolean): number {
    if (!zip) return 0;
    return packZip(zip) || (intern ? this.odd.id(zip) : this.odd.peek(zip));
  }

  /** 0 for none; -1 (equal to nothing held) for a spelling never stored when not interning. */
  private birthCode(birth: string | null, intern: boolean): number {
    if (!birth) return 0;
    const code = packBirth(birth);
    if (code !== 0 && unpackBirth(code) === birth) return code;
    return intern ? this.odd.id(birth) : this.odd.peek(birth);
  }

  private newCustomer(id: string): number {
    let c = this.freeCustomers.pop();
    if (c === undefined) {
      c = this.customerIds.length;
      this.customerIds.push(id);
      if (c >= this.custHead.length) {
        const cap = Math.max(1024, Math.ceil(c * 1.5));
        this.custCi = resized(this.custCi, cap);
        this.custBirth = resized(this.custBirth, cap);
        this.custBirths2 = resized(this.custBirths2, cap);
        this.custHead = resized(this.custHead, cap);
        this.custTail = resized(this.custTail, cap);
      }
    } else this.customerIds[c] = id;
    this.customerIndex.set(id, c);
    this.custCi[c] = -1;
    this.custBirth[c] = 0;
    this.custBirths2[c] = 0;
    this.custHead[c] = -1;
    this.custTail[c] = -1;
    return c;
  }

  private newSlot(): number {
    const slot = this.slots++;
    if (slot >= this.capacity) this.resize(Math.max(1024, Math.ceil(slot * 1.5)));
    this.alive[slot] = 1;
    return slot;
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    this.alive = resized(this.alive, capacity);
    this.division = resized(this.division, capacity);
    this.gender = resized(this.gender, capacity);
    this.blockCount = resized(this.blockCount, capacity);
    this.phone = resized(this.phone, capacity);
    this.email = resized(this.email, capacity);
    this.address = resized(this.address, capacity);
    this.birth = resized(this.birth, capacity);
    this.zip = resized(this.zip, capacity);
    this.ci = resized(this.ci, capacity);
    this.customer = resized(this.customer, capacity);
    this.memberNext = resized(this.memberNext, capacity);
    this.detEntry = resized(this.detEntry, capacity);
    this.blockFirst = resized(this.blockFirst, capacity);
  }

  /**
   * Renumbers the live slots from 0 (in order, so every list keeps its order) and rebuilds the key
   * tables without the dead, once they outnumber the live: memory follows the members, not the
   * number of upserts.
   */
  private compactIfMostlyDead(): void {
    if (this.dead < 1024 || this.dead <= this.live) return;
    const old = { det: this.detTable, blocks: this.blockTable };
    this.detTable = new KeyTable(old.det.count);
    this.blockTable = new KeyTable(old.blocks.count);
    const remap = new Int32Array(this.slots).fill(-1);
    let to = 0;
    for (let s = 0; s < this.slots; s++) {
      if (this.alive[s] === 0) continue;
      remap[s] = to;
      this.alive[to] = 1;
      this.division[to] = this.division[s]!;
      this.memberNo[to] = this.memberNo[s]!;
      this.name[to] = this.name[s]!;
      this.phone[to] = this.phone[s]!;
      this.birth[to] = this.birth[s]!;
      this.zip[to] = this.zip[s]!;
      this.email[to] = this.email[s]!;
      this.address[to] = this.address[s]!;
      this.gender[to] = this.gender[s]!;
      this.ci[to] = this.ci[s]!;
      this.customer[to] = this.customer[s]!;
      this.memberNext[to] = this.memberNext[s]!;
      this.copyKeys(old, s, to);
      to++;
    }
    for (let s = 0; s < to; s++) if (this.memberNext[s] !== -1) this.memberNext[s] = remap[this.memberNext[s]!]!;
    for (const c of this.customerIndex.values()) {
      this.custHead[c] = remap[this.custHead[c]!]!;
      this.custTail[c] = remap[this.custTail[c]!]!;
    }
    for (const bySlot of this.slotOf) if (bySlot) for (const [no, s] of bySlot) bySlot.set(no, remap[s]!);
    this.slots = to;
    this.dead = 0;
    this.memberNo.length = to;
    this.name.length = to;
    this.alive.fill(0, to);
    this.resize(Math.max(1024, Math.ceil(to * 1.5)));
  }
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
