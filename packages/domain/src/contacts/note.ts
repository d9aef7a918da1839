import { maskPhone } from "../customers/mask.ts";

export const NOTE_MAX = 1000;

/** Touchpoint kinds staff record by hand; CONTACT_CONFIRMED is written by the confirmation itself. */
export const RECORDABLE_TOUCHPOINT_KINDS = [
  "AFTER_SALES",
  "COUNSELLING",
  "DELIVERY",
  "COMPLAINT",
  "COMPLIMENT",
] as const;
export type RecordableTouchpointKind = (typeof RECORDABLE_TOUCHPOINT_KINDS)[number];

// Loose on purpose: a note is typed by a person, so "010 1234 5678" and "+82-10-…" count too.
const PHONE_IN_TEXT = /(?:\+82[\s-]?|0)1\d[\s.-]?\d{3,4}[\s.-]?\d{4}|0[2-6]\d?[\s.-]?\d{3,4}[\s.-]?\d{4}/g;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** a***@example.com: the first character and the domain, enough to tell two addresses apart. */
export function maskEmail(email: string): string {
  const at = email.indexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * Notes are the staff's own words and stay readable on a masked screen, but a phone number or
 * e-mail address someone typed into one must not undo the masking.
 */
export function maskContactsInText(text: string): string {
  return text.replace(EMAIL_IN_TEXT, maskEmail).replace(PHONE_IN_TEXT, (m) => maskPhone(m.replace(/^\+82[\s-]?/, "0")));
}
