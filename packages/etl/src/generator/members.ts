/**
 * How each division's membership system records a person: its own member and card numbers,
 * and per division a phone shape, sometimes a name typo, an old address or phone, with or
 * without CI. The record is rebuilt from (seed, person, slot state) whenever a row is written.
 */
import { isoDate, type LocalSeconds } from "./calendar.ts";
import {
  type Address,
  addressOf,
  cardNumber,
  formatPhone,
  memberNumber,
  mobileDigits,
  type PhoneShape,
  personOf,
  typoName,
} from "./identity.ts";
import type { Population } from "./people.ts";
import { Rng, WeightedTable } from "./random.ts";
import { EMAIL_DOMAINS } from "./reference.ts";
import { type ChangeType, DIVISIONS, type Division, type MemberRecord, type Store } from "./types.ts";

/** Share of members whose division record carries a CI. */
export const CI_SHARE: Record<Division, number> = { DPT: 0.8, MART: 0.55, SM: 0.35 };
/** For people in two or three divisions, per record beyond their first division. */
export const NAME_TYPO_SHARE = 0.04;
export const OLD_ADDRESS_SHARE = 0.12;
export const OTHER_PHONE_SHARE = 0.05;
export const OTHER_EMAIL_SHARE = 0.05;
const BLANK_BIRTH: Record<Division, number> = { DPT: 0.04, MART: 0.08, SM: 0.12 };
const BLANK_GENDER: Record<Division, number> = { DPT: 0.03, MART: 0.05, SM: 0.1 };

const SHAPES: Record<Division, WeightedTable<PhoneShape>> = {
  DPT: new WeightedTable<PhoneShape>(["dashed", "digits"], [85, 15]),
  MART: new WeightedTable<PhoneShape>(["digits", "dashed"], [95, 5]),
  SM: new WeightedTable<PhoneShape>(["intl-dashed", "intl", "spaced", "dashed"], [40, 20, 10, 30]),
};

export interface Variant {
  nameTypo: boolean;
  oldAddress: boolean;
  otherPhone: boolean;
  otherEmail: boolean;
  hasCi: boolean;
  blankBirth: boolean;
  blankGender: boolean;
  phoneShape: PhoneShape;
}

export function variantOf(seed: number, slot: number, formats: number): Variant {
  const rng = new Rng(seed, 0x7a9, slot);
  const d = slot % 3;
  const division = DIVISIONS[d]!;
  const firstDivision = formats & 1 ? 0 : formats & 2 ? 1 : 2;
  const secondary = d !== firstDivision;
  return {
    nameTypo: secondary && rng.chance(NAME_TYPO_SHARE),
    oldAddress: secondary && rng.chance(OLD_ADDRESS_SHARE),
    otherPhone: secondary && rng.chance(OTHER_PHONE_SHARE),
    otherEmail: secondary && rng.chance(OTHER_EMAIL_SHARE),
    hasCi: rng.chance(CI_SHARE[division]),
    blankBirth: rng.chance(BLANK_BIRTH[division]),
    blankGender: rng.chance(BLANK_GENDER[division]),
    phoneShape: SHAPES[division].pick(rng),
  };
}

export class MemberBook {
  constructor(
    private readonly seed: number,
    private readonly population: Population,
    private readonly stores: Record<Division, readonly Store[]>,
    private readonly referenceYear: number,
  ) {}

  memberNo(slot: number): string {
    return memberNumber(DIVISIONS[slot % 3]!, Math.floor(slot / 3), this.seed);
  }

  cardNo(slot: number): string {
    return cardNumber(DIVISIONS[slot % 3]!, Math.floor(slot / 3), this.seed);
  }

  /** The name as this division recorded it (with its typo, if it has one). */
  recordedName(slot: number): string {
    const person = Math.floor(slot / 3);
    const name = personOf(this.seed, person, this.referenceYear).name;
    return variantOf(this.seed, slot, this.population.formats[person]!).nameTypo
      ? typoName(name, new Rng(this.seed, 0x7e0, slot))
      : name;
  }

  private address(slot: number, variant: Variant): Address {
    const person = Math.floor(slot / 3);
    const revision = this.population.addressRev[slot]! + (variant.oldAddress ? 100 : 0);
    return addressOf(this.seed, person, this.population.region[person]!, revision);
  }

  /** Digits of the phone on record (a new number after each phone change). */
  phoneDigits(slot: number, variant: Variant, homePhone: string): string {
    const revision = this.population.phoneRev[slot]!;
    if (revision > 0) return mobileDigits(new Rng(this.seed, 0x9405e, Math.floor(slot / 3), revision));
    return variant.otherPhone ? mobileDigits(new Rng(this.seed, 0x01d, slot)) : homePhone;
  }

  private email(slot: number, variant: Variant, homeEmail: string | null): string {
    const revision = this.population.emailRev[slot]! + (variant.otherEmail ? 50 : 0);
    if (revision === 0 || homeEmail === null) return homeEmail ?? "";
    const rng = new Rng(this.seed, 0xe3a, Math.floor(slot / 3), revision);
    return `${homeEmail.split("@")[0]}${rng.int(1, 999)}@${rng.pick(EMAIL_DOMAINS)[0]}`;
  }

  record(slot: number, change: ChangeType, changedAt: LocalSeconds): MemberRecord {
    const person = Math.floor(slot / 3);
    const division = DIVISIONS[slot % 3]!;
    const pop = this.population;
    const base = {
      memberNo: this.memberNo(slot),
      change,
      changedAt,
    };
    if (change === "withdraw") return { ...base, ...WITHDRAWN };
    const who = personOf(this.seed, person, this.referenceYear);
    const variant = variantOf(this.seed, slot, pop.formats[person]!);
    const address = this.address(slot, variant);
    const bits = pop.consentBits[slot]!;
    return {
      ...base,
      cardNo: this.cardNo(slot),
      name: variant.nameTypo ? typoName(who.name, new Rng(this.seed, 0x7e0, slot)) : who.name,
      gender: variant.blankGender ? null : who.gender,
      birth: variant.blankBirth ? null : who.birth,
      phone: formatPhone(this.phoneDigits(slot, variant, who.phone), variant.phoneShape),
      email: this.email(slot, variant, who.email),
      zip: address.zip,
      addr1: address.addr1,
      addr2: address.addr2,
      joinedOn: isoDate(pop.joinDay[slot]!),
      joinStore: this.stores[division][pop.store[slot]!]!.code,
      ci: variant.hasCi ? who.ci : null,
      consents: {
        sms: (bits & 1) > 0,
        email: (bits & 2) > 0,
        dm: (bits & 4) > 0,
        tm: (bits & 8) > 0,
        night: (bits & 16) > 0,
      },
      // Consents change during opening hours; the second of the day is stable per slot and day.
      consentAt: pop.consentDay[slot]! * 86_400 + 36_000 + ((slot * 7919 + pop.consentDay[slot]!) % 36_000),
    };
  }
}

const WITHDRAWN = {
  cardNo: "",
  name: "",
  gender: null,
  birth: null,
  phone: "",
  email: "",
  zip: "",
  addr1: "",
  addr2: "",
  joinedOn: "",
  joinStore: "",
  ci: null,
  consents: { sms: false, email: false, dm: false, tm: false, night: false },
  consentAt: 0,
} as const;
