import { jamoDistance } from "./jamo.ts";
import type { MemberRecord } from "./types.ts";

/**
 * Points per field comparison, roughly log2 of how much likelier the outcome is for two records
 * of one person than for two people who already share a blocking key (Fellegi–Sunter weights,
 * estimated by hand, not fitted). Agreement adds, disagreement subtracts, a missing side is 0.
 *
 * Why these sizes:
 * - A mobile number is close to unique (1 in ~10⁸) and people keep it across memberships, so it
 *   is the strongest evidence; a landline is a household's, so it counts for less.
 * - Birth dates collide (one in ~25,000) and the same name is common (김민준), but together with
 *   anything else they are strong; a different birth date on both sides is almost never a typo
 *   in member systems (the date comes from identity verification), so it weighs heavily against.
 * - A jamo-level slip in the name (민준/민중) is weaker evidence than an exact name, and two or
 *   more slips is a different name.
 * - E-mail handles are built from names and birth years (minjun85@…), so two namesakes often share
 *   one: weak evidence. People hold several addresses and phones, so a mismatch weighs little.
 */
export const WEIGHTS = {
  nameExact: 5,
  nameOneSlip: 2,
  nameTwoSlips: -3,
  nameDifferent: -8,
  birthEqual: 6,
  birthDifferent: -8,
  mobileEqual: 10,
  landlineEqual: 4,
  mobileLast8Equal: 6,
  phoneDifferent: -1,
  emailEqual: 3,
  emailDifferent: -0.5,
  addressEqual: 8,
  zipEqual: 3,
  sameArea: 1,
  areaDifferent: -1,
  genderDifferent: -6,
} as const;

/**
 * Auto-merge at or above `autoMerge`, hold for review from `review` up, keep apart below.
 * 15 needs a mobile match plus a name, or name + birth date + a second contact; 11 catches
 * "same name and birth date and one more weak agreement", which is what two namesakes look like.
 */
export const THRESHOLDS = { autoMerge: 15, review: 11 } as const;
export type Thresholds = { autoMerge: number; review: number };

export interface PairScore {
  score: number;
  /** What agreed or disagreed, e.g. `name:exact`, `birth:equal`, `phone:different`. */
  evidence: string[];
}

function digits(phone: string): string {
  return phone.replace(/\D/g, "");
}

/** The address without spaces and punctuation: "중앙로 12, 101동" and "중앙로12 101동" agree. */
export function addressKey(address: string): string {
  return address.replace(/[\s,.\-()]/g, "");
}

export function compareRecords(a: MemberRecord, b: MemberRecord): PairScore {
  const evidence: string[] = [];
  return { score: scorePair(a, b, evidence), evidence };
}

/**
 * The score alone, or with `evidence` filled in when an array is given: the blocking pass scores
 * many pairs it then drops, and would otherwise allocate their evidence for nothing.
 */
export function scorePair(a: MemberRecord, b: MemberRecord, evidence: string[] | null = null): number {
  let score = 0;
  const note = (points: number, what: string) => {
    score += points;
    evidence?.push(what);
  };

  if (a.name && b.name) {
    const d = jamoDistance(a.name, b.name);
    if (d === 0) note(WEIGHTS.nameExact, "name:exact");
    else if (d === 1) note(WEIGHTS.nameOneSlip, "name:jamo1");
    else if (d === 2) note(WEIGHTS.nameTwoSlips, "name:jamo2");
    else note(WEIGHTS.nameDifferent, "name:different");
  }

  if (a.birthDate && b.birthDate) {
    if (a.birthDate === b.birthDate) note(WEIGHTS.birthEqual, "birth:equal");
    else note(WEIGHTS.birthDifferent, "birth:different");
  }

  if (a.phone && b.phone) {
    // Cleansed phones have one spelling per number, so string equality is number equality.
    const mobile = a.phone.startsWith("01") && b.phone.startsWith("01");
    if (a.phone === b.phone) {
      note(mobile ? WEIGHTS.mobileEqual : WEIGHTS.landlineEqual, mobile ? "phone:equal" : "landline:equal");
    } else if (mobile && digits(a.phone).slice(-8) === digits(b.phone).slice(-8)) {
      note(WEIGHTS.mobileLast8Equal, "phone:last8");
    } else note(WEIGHTS.phoneDifferent, "phone:different");
  }

  if (a.email && b.email) {
    if (a.email === b.email) note(WEIGHTS.emailEqual, "email:equal");
    else note(WEIGHTS.emailDifferent, "email:different");
  }

  if (a.address && b.address && (a.address === b.address || addressKey(a.address) === addressKey(b.address))) {
    note(WEIGHTS.addressEqual, "address:equal");
  } else if (a.zip && b.zip) {
    if (a.zip === b.zip) note(WEIGHTS.zipEqual, "zip:equal");
    // The first three digits of a 5-digit zip are the 시/군/구.
    else if (a.zip.slice(0, 3) === b.zip.slice(0, 3)) note(WEIGHTS.sameArea, "zip:area");
    else note(WEIGHTS.areaDifferent, "zip:different");
  }

  if (a.gender && b.gender && a.gender !== b.gender) note(WEIGHTS.genderDifferent, "gender:different");

  return score;
}

/** Deterministic key (b): normalised mobile + birth date + name, all three present. */
export function deterministicKey(r: MemberRecord): string | null {
  if (!r.phone || !r.birthDate || !r.name) return null;
  const d = digits(r.phone);
  return d.startsWith("01") ? `${d}|${r.birthDate}|${r.name}` : null;
}

/**
 * Blocking keys for the fuzzy step: two records are compared only if they share one. Each key
 * catches the pairs the others miss: a changed phone (birth + surname, name + zip), a blank
 * birth date (phone, e-mail), a carrier prefix change (last 8 digits).
 */
export function blockingKeys(r: MemberRecord): string[] {
  const keys: string[] = [];
  if (r.phone) {
    const d = digits(r.phone);
    // A mobile's last 8 digits also find the same number under an old carrier prefix (011 → 010).
    keys.push(d.startsWith("01") ? `p8:${d.slice(-8)}` : `p:${d}`);
  }
  if (r.birthDate && r.name) keys.push(`bn:${r.birthDate}:${r.name[0]}`);
  if (r.name && r.zip) keys.push(`nz:${r.name}:${r.zip}`);
  if (r.email && r.zip) keys.push(`ez:${r.email}:${r.zip.slice(0, 3)}`);
  return keys;
}

/** Hard rule: two different verification values are two people, whatever else agrees. */
export function ciConflict(a: MemberRecord, b: MemberRecord): boolean {
  return a.ciHash !== null && b.ciHash !== null && a.ciHash !== b.ciHash;
}
