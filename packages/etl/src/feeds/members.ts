import { z } from "zod";
import { isValidEmail, normalisePhone, parseBirthDate, parseDate } from "./fields.ts";
import type { Accepted, Cell, Finding, Rejected } from "./types.ts";

export type ChangeType = "insert" | "update" | "upsert" | "withdraw";

/** A member row as text, whatever the division's layout; the dialect says how to read it. */
export type MemberFields = {
  memberNo: string;
  cardNo: string;
  name: string;
  gender: string;
  birthDate: string;
  phone: string;
  email: string;
  zip: string;
  address1: string;
  address2: string;
  joinDate: string;
  joinStore: string;
  ci: string;
  consents: readonly [string, string, string, string, string];
  consentAt: string;
  changeType: string;
  changedAt: string;
};

export type MemberDialect = {
  division: "DPT" | "MART" | "SM";
  memberNo: RegExp;
  genders: Readonly<Record<string, "M" | "F">>;
  changeTypes: Readonly<Record<string, ChangeType>>;
  yes: string;
  no: string;
  timestamp: (value: string) => string | null;
};

/** The key fields: without them the row cannot be loaded meaningfully (rejected). */
function memberKey(dialect: MemberDialect) {
  return z.object({
    memberNo: z.string().regex(dialect.memberNo, "member number missing or malformed"),
    changeType: z.string().refine((v) => Object.hasOwn(dialect.changeTypes, v), "unknown change type"),
  });
}
const keySchemas = new WeakMap<MemberDialect, ReturnType<typeof memberKey>>();

export function toMember(
  f: MemberFields,
  dialect: MemberDialect,
  lineNo: number,
  raw: string,
  businessDate: string | null,
): Accepted | Rejected {
  let schema = keySchemas.get(dialect);
  if (!schema) {
    schema = memberKey(dialect);
    keySchemas.set(dialect, schema);
  }
  const key = schema.safeParse({ memberNo: f.memberNo, changeType: f.changeType });
  if (!key.success) {
    const issue = key.error.issues[0];
    return {
      type: "reject",
      lineNo,
      reason: `${String(issue?.path[0])}: ${issue?.message} (${JSON.stringify(issue?.path[0] === "memberNo" ? f.memberNo : f.changeType)})`,
      raw,
    };
  }
  const changeType = dialect.changeTypes[f.changeType]!;
  const findings: Finding[] = [];
  const finding = (kind: string, field: string, value: string) =>
    findings.push({ lineNo, kind, field, raw: value, key: f.memberNo });
  // A withdrawal carries only number, type and time: blank fields there are not problems.
  const checked = changeType !== "withdraw";

  const blank = (v: string) => (v === "" ? null : v);
  let gender: string | null = null;
  if (f.gender !== "") {
    gender = dialect.genders[f.gender] ?? null;
    if (gender === null && checked) finding("invalid_gender", "gender", f.gender);
  }
  let birthDate: string | null = null;
  if (f.birthDate !== "") {
    birthDate = parseBirthDate(f.birthDate, businessDate);
    if (birthDate === null && checked) finding("invalid_birth_date", "birth_date", f.birthDate);
  }
  const phone = normalisePhone(f.phone);
  if (phone && !phone.valid && checked) finding("invalid_phone", "phone", f.phone);
  const emailValid = f.email !== "" && isValidEmail(f.email);
  if (f.email !== "" && !emailValid && checked) finding("invalid_email", "email", f.email);
  const joinDate = f.joinDate === "" ? null : parseDate(f.joinDate);
  if (f.joinDate !== "" && joinDate === null && checked) finding("invalid_join_date", "join_date", f.joinDate);
  const consents = f.consents.map((value, i) => {
    if (value === dialect.yes) return true;
    if (value === dialect.no) return false;
    if (value !== "" && checked) finding("invalid_consent", CONSENT_FIELDS[i]!, value);
    return null;
  });
  const consentAt = f.consentAt === "" ? null : dialect.timestamp(f.consentAt);
  if (f.consentAt !== "" && consentAt === null && checked)
    finding("invalid_timestamp", "consent_changed_at", f.consentAt);
  const changedAt = f.changedAt === "" ? null : dialect.timestamp(f.changedAt);
  if (changedAt === null) finding("invalid_timestamp", "changed_at", f.changedAt);

  const row: Cell[] = [
    dialect.division,
    f.memberNo,
    blank(f.cardNo),
    blank(f.name),
    gender,
    birthDate,
    blank(f.birthDate),
    phone?.valid ? phone.digits : null,
    blank(f.phone),
    emailValid ? f.email : null,
    blank(f.email),
    blank(f.zip),
    blank(f.address1),
    blank(f.address2),
    joinDate,
    blank(f.joinStore),
    blank(f.ci),
    ...consents,
    consentAt,
    changeType,
    changedAt,
  ];
  return { type: "row", lineNo, table: "member", rows: [row], findings };
}

const CONSENT_FIELDS = ["agree_sms", "agree_email", "agree_dm", "agree_tm", "agree_night"];
