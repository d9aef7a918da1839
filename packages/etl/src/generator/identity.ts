/**
 * Who a person is (name, birth, phone, e-mail, address, CI) and how each division's membership
 * system records them. Everything is recomputed from (seed, person) on demand, so a million
 * people cost no strings in memory; the only per-person state lives in the population arrays.
 */
import type { YMD } from "./calendar.ts";
import { Rng, WeightedTable } from "./random.ts";
import { EMAIL_DOMAINS, GIVEN_NAMES, REGIONS, ROADS, SURNAMES } from "./reference.ts";
import type { Division } from "./types.ts";

const SURNAME_TABLE = new WeightedTable(
  SURNAMES.map((s) => s),
  SURNAMES.map((s) => s[2]),
);
const DOMAIN_TABLE = new WeightedTable(
  EMAIL_DOMAINS.map((d) => d[0]),
  EMAIL_DOMAINS.map((d) => d[1]),
);

export interface Person {
  name: string;
  gender: "M" | "F";
  birth: YMD;
  /** Digits only; a landline for a few people. */
  phone: string;
  email: string | null;
  ci: string;
}

export function personId(person: number): string {
  return `P${String(person + 1).padStart(8, "0")}`;
}

/** 64 random bytes in Base64: 88 characters, as Korean identity verification issues them. */
export function ciFor(rng: Rng): string {
  const bytes = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) bytes[i] = Math.floor(rng.next() * 256);
  return bytes.toString("base64");
}

export function mobileDigits(rng: Rng): string {
  return `010${rng.int(2, 9)}${rng.digits(7)}`;
}

export function personOf(seed: number, person: number, referenceYear: number): Person {
  const rng = new Rng(seed, 0x9e0, person);
  const gender = rng.chance(0.56) ? "F" : "M";
  const [surname, surnameRoman] = SURNAME_TABLE.pick(rng);
  const [given, givenRoman] = rng.pick(GIVEN_NAMES[gender]);
  const age = Math.min(88, Math.max(19, Math.round(44 + 13 * rng.normal())));
  const birth = { y: referenceYear - age, m: rng.int(1, 12), d: rng.int(1, 28) };
  const phone = rng.chance(0.02)
    ? `0${rng.pick(["2", "31", "51"])}${rng.int(2, 9)}${rng.digits(6)}`
    : mobileDigits(rng);
  const yy = String(birth.y % 100).padStart(2, "0");
  const handle = rng.pick([
    `${givenRoman}${yy}`,
    `${surnameRoman}.${givenRoman}`,
    `${givenRoman}_${surnameRoman}${rng.int(1, 99)}`,
  ]);
  return {
    name: `${surname}${given}`,
    gender,
    birth,
    phone,
    email: rng.chance(0.85) ? `${handle}@${DOMAIN_TABLE.pick(rng)}` : null,
    ci: ciFor(rng),
  };
}

export interface Address {
  zip: string;
  addr1: string;
  addr2: string;
}

/** The person's home at a given revision (each move is a new revision within the same region). */
export function addressOf(seed: number, person: number, region: number, revision: number): Address {
  const rng = new Rng(seed, 0xadd, person, revision);
  const r = REGIONS[region]!;
  const apartment = rng.chance(0.7);
  return {
    zip: `${r.zipPrefix}${rng.digits(2)}`,
    addr1: `${r.sido} ${r.sigungu} ${rng.pick(ROADS)} ${rng.int(1, 320)}`,
    addr2: apartment ? `${rng.int(101, 125)}동 ${rng.int(1, 25)}${String(rng.int(1, 6)).padStart(2, "0")}호` : "",
  };
}

export type PhoneShape = "dashed" | "digits" | "spaced" | "intl-dashed" | "intl";

/** One number, the five shapes feeds.md lists (landlines only ever dashed or bare). */
export function formatPhone(digits: string, shape: PhoneShape): string {
  const mobile = digits.startsWith("01");
  const head = mobile ? 3 : digits.startsWith("02") ? 2 : 3;
  const tail = digits.length - 4;
  const parts = [digits.slice(0, head), digits.slice(head, tail), digits.slice(tail)];
  if (!mobile) return shape === "digits" ? digits : parts.join("-");
  switch (shape) {
    case "dashed":
      return parts.join("-");
    case "digits":
      return digits;
    case "spaced":
      return parts.join(" ");
    case "intl-dashed":
      return `+82-${parts[0]!.slice(1)}-${parts[1]}-${parts[2]}`;
    case "intl":
      return `+82${digits.slice(1)}`;
  }
}

// Vowel pairs people mishear or mistype (ㅐ/ㅔ, ㅓ/ㅗ, ㅕ/ㅛ, ㅜ/ㅡ, ㅢ/ㅣ), as jungseong indices.
const VOWEL_SWAP: Record<number, number> = { 1: 5, 5: 1, 4: 8, 8: 4, 6: 12, 12: 6, 13: 18, 18: 13, 19: 20, 20: 19 };

/** One syllable of the given name altered the way clerks mistype (민준 → 민중, 세연 → 새연). */
export function typoName(name: string, rng: Rng): string {
  const chars = [...name];
  const at = chars.length > 1 ? rng.int(1, chars.length - 1) : 0;
  const code = chars[at]!.charCodeAt(0) - 0xac00;
  if (code < 0 || code > 11171) return `${name}${chars.at(-1)}`;
  const initial = Math.floor(code / 588);
  let vowel = Math.floor((code % 588) / 28);
  let final = code % 28;
  if (VOWEL_SWAP[vowel] !== undefined && rng.chance(0.5)) vowel = VOWEL_SWAP[vowel]!;
  else final = final === 21 ? 4 : final === 4 ? 21 : final === 0 ? 4 : 0;
  chars[at] = String.fromCharCode(0xac00 + initial * 588 + vowel * 28 + final);
  return chars.join("");
}

function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const DIVISION_SALT: Record<Division, number> = { DPT: 11, MART: 23, SM: 37 };

/**
 * A bijection index → number (multiplier coprime with the modulus), so numbers look scattered
 * but never collide; indices at or beyond the population are never issued (unknown members).
 */
function scatter(index: number, modulus: number, division: Division, seed: number): number {
  const multiplier = 387_420_489; // 3^18: coprime with every power of ten
  const offset = (seed * 7 + DIVISION_SALT[division] * 1_000_003) % modulus;
  // Exact in doubles while index × multiplier < 2^53, i.e. for populations below 23 million.
  return (index * multiplier + offset) % modulus;
}

export function memberNumber(division: Division, index: number, seed: number): string {
  const n = String(scatter(index, 1_000_000_000, division, seed)).padStart(9, "0");
  return division === "DPT" ? `D${n}` : division === "MART" ? `7${n}` : `SM${n}`;
}

const CARD_PREFIX: Record<Division, string> = { DPT: "9410", MART: "9420", SM: "9430" };

export function cardNumber(division: Division, index: number, seed: number): string {
  return luhn(
    `${CARD_PREFIX[division]}${String(scatter(index, 100_000_000_000, division, seed + 1)).padStart(11, "0")}`,
  );
}

export function isValidLuhn(card: string): boolean {
  return luhn(card.slice(0, -1)) === card;
}
