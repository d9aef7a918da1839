import { cleanseEmail } from "../cleansing/email.ts";
import { cleansePhone } from "../cleansing/phone.ts";
import { blank, type FindingKind } from "../cleansing/result.ts";
import { normaliseText } from "../cleansing/text.ts";
import { cleanseZip } from "../cleansing/zip.ts";

/**
 * The source system whose member record holds contact details a customer confirmed in person at a
 * store (migration 20261124055730_store_lookup). It is not a division: a membership there never
 * keeps a withdrawn customer alive.
 */
export const CONFIRMED_CONTACT_SOURCE = "DANGOL";

/** The DANGOL member number of the confirmations made on one customer. */
export function confirmedContactMemberNo(customerId: bigint | string): string {
  return `store:${customerId}`;
}

export const CONFIRMABLE_FIELDS = ["phone", "email", "address"] as const;
export type ConfirmableField = (typeof CONFIRMABLE_FIELDS)[number];

/** What the customer confirmed, in the standard forms the golden record holds (null: not confirmed). */
export interface ConfirmedContact {
  phone: string | null;
  email: string | null;
  zip: string | null;
  address: string | null;
}

export type ContactInput = {
  phone?: string | null;
  email?: string | null;
  zip?: string | null;
  address?: string | null;
};

export type ContactValidation =
  | { ok: true; value: ConfirmedContact; fields: ConfirmableField[] }
  | { ok: false; field: keyof ContactInput | "_"; kind: FindingKind | "nothing_confirmed" | "zip_without_address" };

const ADDRESS_MAX = 200;

/**
 * A confirmation is held to the same rules as a division's member feed (the cleansing package),
 * so what the golden record takes from the store is never a value the ETL would have flagged.
 * Blank fields were not confirmed; at least one must be.
 */
export function validateConfirmedContact(input: ContactInput): ContactValidation {
  const phone = cleansePhone(input.phone);
  if ("finding" in phone) return { ok: false, field: "phone", kind: phone.finding.kind };
  const email = cleanseEmail(input.email);
  if ("finding" in email) return { ok: false, field: "email", kind: email.finding.kind };
  const zip = cleanseZip(input.zip);
  if ("finding" in zip) return { ok: false, field: "zip", kind: zip.finding.kind };
  const address = blank(input.address) ? null : normaliseText(input.address).slice(0, ADDRESS_MAX);
  // The zip moves with its address line (golden.ts): a zip alone would pair with someone else's line.
  if (zip.value !== null && address === null) return { ok: false, field: "address", kind: "zip_without_address" };
  const value: ConfirmedContact = { phone: phone.value, email: email.value, zip: zip.value, address };
  const fields = CONFIRMABLE_FIELDS.filter((f) => value[f] !== null);
  if (fields.length === 0) return { ok: false, field: "_", kind: "nothing_confirmed" };
  return { ok: true, value, fields };
}

/**
 * The DANGOL member record after a confirmation. A member record has one change time, and the new
 * one is "now": a field confirmed earlier keeps its place only while it is still the golden value
 * (it then wins either way); one that lost to a newer division value since is dropped, or the
 * fresh change time would let an old confirmation beat the newer value.
 */
export function nextConfirmedRecord(
  previous: ConfirmedContact | null,
  confirmed: ConfirmedContact,
  golden: ConfirmedContact,
): ConfirmedContact {
  const keep = (field: "phone" | "email") =>
    confirmed[field] ?? (previous?.[field] != null && previous[field] === golden[field] ? previous[field] : null);
  const addressKept =
    confirmed.address === null &&
    previous?.address != null &&
    previous.address === golden.address &&
    previous.zip === golden.zip;
  return {
    phone: keep("phone"),
    email: keep("email"),
    address: confirmed.address ?? (addressKept ? previous.address : null),
    zip: confirmed.address !== null ? confirmed.zip : addressKept ? previous.zip : null,
  };
}

/** The CONTACT_CONFIRMED touchpoint's note names the fields, never their values (notes outlive erasure checks). */
export function confirmationNote(fields: readonly ConfirmableField[]): string {
  return fields.join(",");
}

export function confirmedFieldsOf(note: string | null): ConfirmableField[] {
  return (note ?? "")
    .split(",")
    .filter((f): f is ConfirmableField => (CONFIRMABLE_FIELDS as readonly string[]).includes(f));
}
