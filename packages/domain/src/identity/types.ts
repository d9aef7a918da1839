/**
 * One division's current view of a member, already cleansed (see `@dangol/domain/cleansing`):
 * phone `010-1234-5678`, birth date `YYYY-MM-DD`, e-mail lower-case, zip 5 digits; a blank or
 * invalid field is null. `ciHash` is the sha-256 of the CI (customer.ci_hash).
 */
export interface MemberRecord {
  division: string;
  memberNo: string;
  name: string | null;
  phone: string | null;
  birthDate: string | null;
  email: string | null;
  zip: string | null;
  /** One line: address line 1 and 2 joined. */
  address: string | null;
  ciHash: string | null;
  /** The source's change time of this version of the record. */
  changedAt: Date;
  gender?: "M" | "F" | null;
}

export interface MemberRef {
  division: string;
  memberNo: string;
}

export type LinkReason = "ci" | "deterministic" | "fuzzy";
