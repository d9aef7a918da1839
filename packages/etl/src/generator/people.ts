/**
 * The customer base as compact typed arrays: which formats each person shops, their personal
 * rhythm per format, membership state, and a bucket queue of scheduled visits. A "slot" is one
 * person in one division (person × 3 + division index); a million people cost ~80 MB.
 */
import { MAX_WEEKDAY_WEIGHT, seasonFactor, weekdayWeight } from "./calendar.ts";
import { Rng, WeightedTable } from "./random.ts";
import { REGIONS } from "./reference.ts";
import { DIVISIONS, type Division } from "./types.ts";

export const DPT_BIT = 1;
export const MART_BIT = 2;
export const SM_BIT = 4;

/** Shares of people by the formats they shop (documented in docs/generator.md). */
export const FORMAT_MIX: readonly (readonly [number, number, string])[] = [
  [DPT_BIT, 0.08, "DPT only"],
  [MART_BIT, 0.3, "MART only"],
  [SM_BIT, 0.24, "SM only"],
  [DPT_BIT | MART_BIT, 0.1, "DPT + MART"],
  [MART_BIT | SM_BIT, 0.12, "MART + SM"],
  [DPT_BIT | SM_BIT, 0.06, "DPT + SM"],
  [DPT_BIT | MART_BIT | SM_BIT, 0.1, "all three"],
];

/** Median days between visits of an active member, before personal variation. */
export const MEDIAN_GAP: Record<Division, number> = { DPT: 150, MART: 75, SM: 35 };
/** Mean membership lifetime in days before a member goes quiet for good (churn). */
export const MEAN_LIFETIME_DAYS = 900;
/** Per active member per year. */
export const YEARLY_UPDATE_RATE = 0.25;
export const YEARLY_WITHDRAW_RATE = 0.03;
/** Members join over this many years before the first delivery, and at this yearly rate after. */
export const JOIN_HISTORY_YEARS = 8;
export const YEARLY_NEW_MEMBER_RATE = 0.1;
/** Chance that a gap is a dormant spell (4–10 × longer) rather than the usual rhythm. */
export const DORMANT_SPELL = 0.03;

export enum SlotState {
  None = 0,
  Active = 1,
  Withdrawn = 2,
}

export class Population {
  readonly people: number;
  readonly region: Uint16Array;
  readonly formats: Uint8Array;
  /** Gamma shape of the personal inter-purchase time: high = regular, low = erratic. */
  readonly shape: Float32Array;
  /** >1 picks pricier products. */
  readonly affluence: Float32Array;

  readonly meanGap: Float32Array;
  readonly joinDay: Int32Array;
  readonly churnDay: Int32Array;
  readonly state: Uint8Array;
  readonly store: Uint16Array;
  readonly addressRev: Uint8Array;
  readonly phoneRev: Uint8Array;
  readonly emailRev: Uint8Array;
  readonly consentBits: Uint8Array;
  readonly consentDay: Int32Array;

  /** Bucket queues: a head per day (offset from the first day), a next per slot, -1 = end. */
  private readonly visitHead: Int32Array;
  private readonly visitNext: Int32Array;
  private readonly joinHead: Int32Array;
  private readonly joinNext: Int32Array;

  constructor(
    people: number,
    readonly firstDay: number,
    readonly days: number,
    private readonly nearest: Record<Division, number[][]>,
    seed: number,
  ) {
    this.people = people;
    const slots = people * 3;
    this.region = new Uint16Array(people);
    this.formats = new Uint8Array(people);
    this.shape = new Float32Array(people);
    this.affluence = new Float32Array(people);
    this.meanGap = new Float32Array(slots);
    this.joinDay = new Int32Array(slots);
    this.churnDay = new Int32Array(slots);
    this.state = new Uint8Array(slots);
    this.store = new Uint16Array(slots);
    this.addressRev = new Uint8Array(slots);
    this.phoneRev = new Uint8Array(slots);
    this.emailRev = new Uint8Array(slots);
    this.consentBits = new Uint8Array(slots);
    this.consentDay = new Int32Array(slots);
    this.visitHead = new Int32Array(days * 3).fill(-1);
    this.visitNext = new Int32Array(slots).fill(-1);
    this.joinHead = new Int32Array(days * 3).fill(-1);
    this.joinNext = new Int32Array(slots).fill(-1);
    this.populate(new Rng(seed, 0x9e091e));
  }

  private populate(rng: Rng): void {
    const regions = new WeightedTable(
      REGIONS.map((_, i) => i),
      REGIONS.map((r) => r.weight),
    );
    const mix = new WeightedTable(
      FORMAT_MIX.map((m) => m[0]),
      FORMAT_MIX.map((m) => m[1]),
    );
    const lastDay = this.firstDay + this.days - 1;
    const joinWindowChance = Math.min(0.6, (YEARLY_NEW_MEMBER_RATE * this.days) / 365);
    for (let person = 0; person < this.people; person++) {
      this.region[person] = regions.pick(rng);
      this.formats[person] = mix.pick(rng);
      this.shape[person] = 0.8 + rng.next() * 3.2;
      this.affluence[person] = rng.logNormal(0, 0.35);
      for (let d = 0; d < 3; d++) {
        if ((this.formats[person]! & (1 << d)) === 0) continue;
        const division = DIVISIONS[d]!;
        const slot = person * 3 + d;
        this.meanGap[slot] = MEDIAN_GAP[division] * rng.logNormal(0, 0.7);
        const joinsLater = rng.chance(joinWindowChance);
        const join = joinsLater
          ? this.firstDay + 1 + Math.floor(rng.next() * (this.days - 1))
          : this.firstDay - 1 - Math.floor(rng.next() * JOIN_HISTORY_YEARS * 365);
        this.joinDay[slot] = join;
        this.churnDay[slot] = Math.min(lastDay + 1, join + Math.round(rng.exponential(MEAN_LIFETIME_DAYS)));
        this.store[slot] = this.pickHomeStore(division, person, rng);
        this.consentBits[slot] = randomConsents(rng);
        this.consentDay[slot] = join;
        if (joinsLater) {
          this.pushJoin(join - this.firstDay, slot);
        } else {
          this.state[slot] = SlotState.Active;
          this.scheduleFirst(slot, this.firstDay + Math.floor(rng.next() * this.meanGap[slot]!));
        }
      }
    }
  }

  private pickHomeStore(division: Division, person: number, rng: Rng): number {
    const near = this.nearest[division][this.region[person]!]!;
    const roll = rng.next();
    if (roll < 0.7 || near.length === 1) return near[0]!;
    if (roll < 0.9) return near[1]!;
    return near[Math.floor(rng.next() * near.length)]!;
  }

  /** The store of one visit: usually the member's own, sometimes another nearby. */
  visitStore(slot: number, division: Division, rng: Rng): number {
    if (rng.chance(0.85)) return this.store[slot]!;
    const near = this.nearest[division][this.region[Math.floor(slot / 3)]!]!;
    return near[Math.min(near.length - 1, rng.int(0, 2))]!;
  }

  private pushJoin(offset: number, slot: number): void {
    this.joinNext[slot] = this.joinHead[offset * 3 + (slot % 3)]!;
    this.joinHead[offset * 3 + (slot % 3)] = slot;
  }

  /** Buckets are per day and division: index offset × 3 + division. */
  private pushVisit(offset: number, slot: number): void {
    this.visitNext[slot] = this.visitHead[offset * 3 + (slot % 3)]!;
    this.visitHead[offset * 3 + (slot % 3)] = slot;
  }

  private scheduleFirst(slot: number, day: number): void {
    const offset = day - this.firstDay;
    if (offset >= 0 && offset < this.days && day < this.churnDay[slot]!) this.pushVisit(offset, slot);
  }

  /** A division's slots joining on `day`; the caller activates them (and writes their insert). */
  takeJoins(day: number, division: Division): number[] {
    const head = (day - this.firstDay) * 3 + DIVISIONS.indexOf(division);
    const out: number[] = [];
    for (let slot = this.joinHead[head]!; slot !== -1; slot = this.joinNext[slot]!) out.push(slot);
    this.joinHead[head] = -1;
    // Bucket lists come out newest-first: restore generation order so files read naturally.
    return out.reverse();
  }

  activate(slot: number, day: number, rng: Rng): void {
    this.state[slot] = SlotState.Active;
    // Most people join at the till while buying something.
    this.scheduleFirst(slot, rng.chance(0.8) ? day : day + 1 + Math.floor(rng.next() * this.meanGap[slot]!));
  }

  /**
   * The slots whose visit is due today and who come in today. A due visit on a quiet weekday is
   * deferred a day with probability (1 − weight/max): footfall shifts to weekends without
   * changing a person's overall rhythm; closed days push every visit to the next day.
   */
  takeVisits(day: number, division: Division, rng: Rng): number[] {
    const offset = day - this.firstDay;
    const d = DIVISIONS.indexOf(division);
    const accept = weekdayWeight(division, day) / MAX_WEEKDAY_WEIGHT;
    const due: number[] = [];
    for (let slot = this.visitHead[offset * 3 + d]!; slot !== -1; slot = this.visitNext[slot]!) due.push(slot);
    this.visitHead[offset * 3 + d] = -1;
    const visits: number[] = [];
    for (let i = due.length - 1; i >= 0; i--) {
      const slot = due[i]!;
      if (this.state[slot] !== SlotState.Active || day >= this.churnDay[slot]!) continue;
      if (rng.next() < accept) {
        visits.push(slot);
        this.scheduleNext(slot, day, division, rng);
      } else if (offset + 1 < this.days) {
        this.pushVisit(offset + 1, slot);
      }
    }
    return visits;
  }

  private scheduleNext(slot: number, day: number, division: Division, rng: Rng): void {
    const shape = this.shape[Math.floor(slot / 3)]!;
    let gap = rng.gamma(shape, this.meanGap[slot]! / shape) / seasonFactor(division, day);
    if (rng.chance(DORMANT_SPELL)) gap *= 4 + rng.next() * 6;
    const next = day + Math.max(1, Math.round(gap));
    const offset = next - this.firstDay;
    if (offset < this.days && next < this.churnDay[slot]!) this.pushVisit(offset, slot);
  }

  /** A uniformly random active slot of a division, or -1 after a bounded number of misses. */
  randomActiveSlot(division: Division, rng: Rng): number {
    const d = DIVISIONS.indexOf(division);
    for (let attempt = 0; attempt < 64; attempt++) {
      const slot = Math.floor(rng.next() * this.people) * 3 + d;
      if (this.state[slot] === SlotState.Active) return slot;
    }
    return -1;
  }
}

/** Bits: 1 SMS, 2 e-mail, 4 DM, 8 TM, 16 night-time advertising (only with SMS). */
export function randomConsents(rng: Rng): number {
  let bits = 0;
  if (rng.chance(0.62)) bits |= 1;
  if (rng.chance(0.45)) bits |= 2;
  if (rng.chance(0.3)) bits |= 4;
  if (rng.chance(0.18)) bits |= 8;
  if (bits & 1 && rng.chance(0.2)) bits |= 16;
  return bits;
}
