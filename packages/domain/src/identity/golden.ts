import { isCalendarDate } from "../cleansing/birth-date.ts";
import { cleanseEmail } from "../cleansing/email.ts";
import { cleanseName } from "../cleansing/name.ts";
import { cleansePhone } from "../cleansing/phone.ts";
import { cleanseZip } from "../cleansing/zip.ts";
import type { MemberRecord, MemberRef } from "./types.ts";

export type GoldenField = "name" | "birthDate" | "gender" | "phone" | "email" | "address";

/**
 * Which record's value wins, per field. `verified`: a CI-verified record beats an unverified one,
 * then the newer change wins. `newest`: the newer change wins outright.
 *
 * Identity verification certifies name, birth date and gender, so for those a verified value
 * beats a newer unverified one. Phone, e-mail and address are not frozen by a verification years
 * ago: a member who moved tells the division they shop at now, so the newest value wins there.
 */
export const FIELD_POLICY: Record<GoldenField, "verified" | "newest"> = {
  name: "verified",
  birthDate: "verified",
  gender: "verified",
  phone: "newest",
  email: "newest",
  address: "newest",
};

/** A value that lost survivorship, kept for customer_attribute_history. */
export interface HistoryEntry {
  field: GoldenField | "zip";
  value: string;
  division: string;
  memberNo: string;
  changedAt: Date;
}

export interface GoldenRecord {
  name: string | null;
  birthDate: string | null;
  gender: "M" | "F" | null;
  phone: string | null;
  email: string | null;
  zip: string | null;
  address: string | null;
  /** The cluster's CI (resolution never puts two in one cluster). */
  ciHash: string | null;
  /** The member record each field was taken from. */
  sources: Partial<Record<GoldenField, MemberRef>>;
  /** Every other distinct value the cluster's records hold, newest first per field. */
  history: HistoryEntry[];
}

const ok = (r: { value: unknown } | { finding: unknown }) => "value" in r && r.value !== null;

// Invalid values lose to valid ones (feeds.md: an invalid field is left empty on the golden
// record), so each field is re-checked here even though records should arrive cleansed.
const VALID: Record<GoldenField, (r: MemberRecord) => boolean> = {
  name: (r) => r.name !== null && ok(cleanseName(r.name)),
  birthDate: (r) => {
    const m = r.birthDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(r.birthDate) : null;
    return m !== null && r.birthDate! >= "1900-01-01" && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  },
  gender: (r) => r.gender === "M" || r.gender === "F",
  phone: (r) => r.phone !== null && ok(cleansePhone(r.phone)),
  email: (r) => r.email !== null && ok(cleanseEmail(r.email)),
  // The zip and the address line move together: both come from the record that wins.
  address: (r) => (r.address !== null && r.address !== "") || (r.zip !== null && ok(cleanseZip(r.zip))),
};

function fieldValue(r: MemberRecord, field: GoldenField): string | null {
  return field === "address" ? (r.address ?? null) : (r[field] ?? null);
}

/** Winner first: verified (if the field's policy says so), newer, then a stable tie-break. */
function ranked(records: readonly MemberRecord[], field: GoldenField): MemberRecord[] {
  const verifiedFirst = FIELD_POLICY[field] === "verified";
  return records
    .filter(VALID[field])
    .sort(
      (x, y) =>
        (verifiedFirst ? Number(y.ciHash !== null) - Number(x.ciHash !== null) : 0) ||
        y.changedAt.getTime() - x.changedAt.getTime() ||
        (x.division < y.division ? -1 : x.division > y.division ? 1 : 0) ||
        (x.memberNo < y.memberNo ? -1 : x.memberNo > y.memberNo ? 1 : 0),
    );
}

/**
 * The golden customer of one cluster: per field the best valid value (see FIELD_POLICY), and
 * every losing distinct value as history. Pure: give it the cluster's current member records.
 */
export function buildGolden(records: readonly MemberRecord[]): GoldenRecord {
  const golden: GoldenRecord = {
    name: null,
    birthDate: null,
    gender: null,
    phone: null,
    email: null,
    zip: null,
    address: null,
    ciHash: records.find((r) => r.ciHash !== null)?.ciHash ?? null,
    sources: {},
    history: [],
  };
  for (const field of ["name", "birthDate", "gender", "phone", "email", "address"] as const) {
    const [winner, ...losers] = ranked(records, field);
    if (!winner) continue;
    golden.sources[field] = { division: winner.division, memberNo: winner.memberNo };
    if (field === "address") {
      golden.address = winner.address || null;
      golden.zip = winner.zip && ok(cleanseZip(winner.zip)) ? winner.zip : null;
    } else if (field === "gender") golden.gender = winner.gender ?? null;
    else golden[field] = fieldValue(winner, field);

    const kept = new Set<string>();
    const keep = (f: HistoryEntry["field"], value: string | null, winning: string | null, r: MemberRecord) => {
      if (value === null || value === "" || value === winning || kept.has(`${f}\u0000${value}`)) return;
      kept.add(`${f}\u0000${value}`);
      golden.history.push({ field: f, value, division: r.division, memberNo: r.memberNo, changedAt: r.changedAt });
    };
    // Losers in winner order, newest first within a policy tier: history shows the latest holder.
    for (const r of [...losers].sort((x, y) => y.changedAt.getTime() - x.changedAt.getTime())) {
      if (field === "address") {
        keep("address", r.address, golden.address, r);
        keep("zip", r.zip, golden.zip, r);
      } else keep(field, field === "gender" ? (r.gender ?? null) : fieldValue(r, field), fieldValue(winner, field), r);
    }
  }
  return golden;
}
