/** What a cleanser says about one raw value: the standard form, or why it cannot be used. */
export type FindingKind =
  | "invalid_phone"
  | "invalid_email"
  | "invalid_birth_date"
  | "invalid_name"
  | "invalid_zip"
  | "unknown_sido"
  | "unknown_sigungu";

export interface Finding {
  kind: FindingKind;
  raw: string;
}

/**
 * `value: null` means the source left the field blank: nothing to flag. A finding means the
 * source sent something unusable; per the data policy the row still loads, the field stays empty.
 */
export type Cleansed<T> = { value: T | null } | { finding: Finding };

export function isFinding<T>(result: Cleansed<T>): result is { finding: Finding } {
  return "finding" in result;
}

/** The value, or null for a blank or a finding: what goes on the record. */
export function cleansedValue<T>(result: Cleansed<T>): T | null {
  return "finding" in result ? null : result.value;
}

export function blank(raw: string | null | undefined): raw is null | undefined | "" {
  return raw === null || raw === undefined || raw.trim() === "";
}
