/**
 * The problems feeds.md says real deliveries have, at documented rates (docs/generator.md
 * reproduces FAULTS). The planter decides, row by row, whether and which problem to plant, so a
 * row carries at most one planted problem and the counts in _truth/planted.json are exact.
 */
import type { YMD } from "./calendar.ts";
import type { Rng } from "./random.ts";

export interface FaultSpec {
  rate: number;
  /** What the rate is per (the denominator counted as "eligible" in planted.json). */
  per: string;
  /** What the ETL must do with it, by the data policy in feeds.md. */
  outcome: "rejected row" | "loaded with finding" | "skipped duplicate" | "anonymous sale" | "file event";
}

export const FAULTS = {
  duplicate_member_row: { rate: 0.003, per: "member row", outcome: "skipped duplicate" },
  update_without_insert: { rate: 0.02, per: "member joining during the window", outcome: "loaded with finding" },
  email_without_at: { rate: 0.004, per: "member row with an e-mail", outcome: "loaded with finding" },
  short_phone: { rate: 0.003, per: "member row with a phone", outcome: "loaded with finding" },
  impossible_birth_date: { rate: 0.002, per: "member row with a birth date", outcome: "loaded with finding" },
  wrong_encoding_row: { rate: 0.001, per: "DPT member row", outcome: "rejected row" },
  wrong_field_count: { rate: 0.0005, per: "DPT/MART member or sales row", outcome: "rejected row" },
  bad_json_line: { rate: 0.0005, per: "SM member or receipt row", outcome: "rejected row" },
  invalid_sale_date: { rate: 0.0005, per: "sales row", outcome: "rejected row" },
  unknown_store: { rate: 0.0003, per: "sales row", outcome: "rejected row" },
  unknown_product: { rate: 0.001, per: "sales row", outcome: "loaded with finding" },
  amount_mismatch: { rate: 0.001, per: "sales row", outcome: "loaded with finding" },
  unknown_member: { rate: 0.001, per: "member receipt", outcome: "loaded with finding" },
  return_original_missing: { rate: 0.03, per: "return receipt", outcome: "loaded with finding" },
  sale_after_withdrawal: { rate: 0.2, per: "withdrawal", outcome: "anonymous sale" },
  late_receipt: { rate: 0.005, per: "receipt", outcome: "loaded with finding" },
  duplicate_file: { rate: 0.01, per: "daily file", outcome: "file event" },
  late_file: { rate: 0.01, per: "daily file", outcome: "file event" },
} as const satisfies Record<string, FaultSpec>;

export type FaultKind = keyof typeof FAULTS;
export const FAULT_KINDS = Object.keys(FAULTS) as FaultKind[];

export type Tally = Partial<Record<FaultKind, number>>;

/**
 * Bernoulli draws at the documented rates, plus one rule so small deliveries still exercise
 * every path: from `forceFrom` on, the first eligible candidate of a kind not planted yet gets it.
 */
export class Planter {
  readonly planted = new Map<FaultKind, number>();
  readonly eligible = new Map<FaultKind, number>();
  private day = 0;

  constructor(
    private readonly rng: Rng,
    private readonly forceFrom: number,
  ) {}

  startDay(day: number): void {
    this.day = day;
  }

  private due(kind: FaultKind): boolean {
    return this.day >= this.forceFrom && !this.planted.has(kind);
  }

  /** One yes/no decision for a candidate of `kind`. */
  roll(kind: FaultKind): boolean {
    this.eligible.set(kind, (this.eligible.get(kind) ?? 0) + 1);
    const hit = this.rng.next() < FAULTS[kind].rate || this.due(kind);
    if (hit) this.count(kind);
    return hit;
  }

  /** At most one of `kinds` for one row (each counted eligible), or undefined. */
  pickOne(kinds: readonly FaultKind[]): FaultKind | undefined {
    let roll = this.rng.next();
    let chosen: FaultKind | undefined;
    for (const kind of kinds) {
      this.eligible.set(kind, (this.eligible.get(kind) ?? 0) + 1);
      if (chosen !== undefined) continue;
      roll -= FAULTS[kind].rate;
      if (roll < 0) chosen = kind;
    }
    chosen ??= kinds.find((kind) => this.due(kind));
    if (chosen !== undefined) this.count(chosen);
    return chosen;
  }

  count(kind: FaultKind, n = 1): void {
    this.planted.set(kind, (this.planted.get(kind) ?? 0) + n);
  }
}

/** Per-file tallies of what was planted where (the file a row is in, not the day it describes). */
export class FileTally {
  private readonly byFile = new Map<string, Tally>();
  private readonly rejectedRows = new Map<string, number>();

  /** `rows`: the feed rows the faulty line holds (an SM receipt's items), counted when the fault rejects it. */
  add(file: string, kind: FaultKind, n = 1, rows = 1): void {
    const tally = this.byFile.get(file) ?? {};
    tally[kind] = (tally[kind] ?? 0) + n;
    this.byFile.set(file, tally);
    if (FAULTS[kind].outcome === "rejected row")
      this.rejectedRows.set(file, (this.rejectedRows.get(file) ?? 0) + n * rows);
  }

  of(file: string): Tally {
    return this.byFile.get(file) ?? {};
  }

  /** Rows of the file its planted faults reject. */
  rejectedRowsOf(file: string): number {
    return this.rejectedRows.get(file) ?? 0;
  }
}

/** Dates that do not exist (or a month 13) in the same year: 20240230, 20240431, 20241301. */
export function invalidDate(year: number, rng: Rng): YMD {
  return rng.pick([
    { y: year, m: 2, d: 30 },
    { y: year, m: 2, d: 31 },
    { y: year, m: 4, d: 31 },
    { y: year, m: 6, d: 31 },
    { y: year, m: 9, d: 31 },
    { y: year, m: 11, d: 31 },
    { y: year, m: 13, d: 1 },
  ]);
}

/** Birth dates no living member can have: in the future, before 1900, or not on the calendar. */
export function impossibleBirthDate(birth: YMD, referenceYear: number, rng: Rng): YMD {
  return rng.pick([
    { y: referenceYear + rng.int(1, 80), m: birth.m, d: birth.d },
    { y: 1800 + rng.int(0, 99), m: birth.m, d: birth.d },
    { y: birth.y, m: 2, d: 30 },
    { y: birth.y, m: 13, d: birth.d },
    { y: birth.y, m: birth.m, d: 32 },
  ]);
}

/** An e-mail with its @ lost the ways typists lose it. */
export function emailWithoutAt(email: string, rng: Rng): string {
  return rng.pick([email.replace("@", ""), email.replace("@", " at "), email.replace("@", "#")]);
}

/** A phone missing its last digits. */
export function shortPhone(digits: string, rng: Rng): string {
  return digits.slice(0, digits.length - rng.int(3, 5));
}

/** Too few or too many fields for a delimited row. */
export function wrongFieldCount(fields: readonly string[], rng: Rng): string[] {
  return rng.chance(0.5) ? fields.slice(0, fields.length - rng.int(1, 3)) : [...fields, rng.pick(["", "X", "0"])];
}

/** A JSON line cut off or mangled the way a crashed exporter leaves it. */
export function badJsonLine(json: string, rng: Rng): string {
  return rng.chance(0.5)
    ? json.slice(0, Math.max(1, Math.floor(json.length * (0.3 + rng.next() * 0.5))))
    : json.replace(/"/g, "'");
}
