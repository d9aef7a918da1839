/**
 * A delivery's member files, read with the feed readers and cleansed, down to each member's
 * latest record: the input identity resolution takes. Used by the evaluation against the
 * generator's truth; the ETL proper reads the same rows from customer_source_link instead.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  cleanseBirthDate,
  cleansedValue,
  cleanseEmail,
  cleanseName,
  cleansePhone,
  cleanseZip,
  normaliseText,
} from "@dangol/domain/cleansing";
import type { MemberRecord } from "@dangol/domain/identity";
import { FileRefusedError, identifyFeedFile, readFeed, STAGING_COLUMNS } from "../feeds/index.ts";

const COLUMN = Object.fromEntries(STAGING_COLUMNS.member.map((name, i) => [name, i])) as Record<
  (typeof STAGING_COLUMNS.member)[number],
  number
>;

/** The CI itself never leaves the loader: customer.ci_hash holds its sha-256. */
export function ciHash(ci: string): string {
  return createHash("sha256").update(ci).digest("hex");
}

/** `2025-03-02 18:22:11+09` (DPT/MART staging) or ISO with an offset (SM) → Date. */
export function parseChangedAt(value: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\+09$/.exec(value);
  return new Date(m ? `${m[1]}T${m[2]}+09:00` : value);
}

type Cell = string | number | boolean | null | readonly string[];
const text = (cell: Cell | undefined): string | null => (typeof cell === "string" && cell !== "" ? cell : null);

/** A staged member row → the cleansed record identity resolution compares. */
export function memberRecordOf(row: readonly Cell[], businessDate: string): MemberRecord {
  const line1 = text(row[COLUMN.address1]);
  const line2 = text(row[COLUMN.address2]);
  const address = [line1, line2].filter(Boolean).join(" ");
  const ci = text(row[COLUMN.ci]);
  const gender = text(row[COLUMN.gender]);
  return {
    division: String(row[COLUMN.division]),
    memberNo: String(row[COLUMN.member_no]),
    name: cleansedValue(cleanseName(text(row[COLUMN.name]))),
    phone: cleansedValue(cleansePhone(text(row[COLUMN.phone_raw]))),
    birthDate: cleansedValue(cleanseBirthDate(text(row[COLUMN.birth_date_raw]), businessDate)),
    email: cleansedValue(cleanseEmail(text(row[COLUMN.email_raw]))),
    zip: cleansedValue(cleanseZip(text(row[COLUMN.zip]))),
    address: address === "" ? null : normaliseText(address),
    ciHash: ci ? ciHash(ci) : null,
    changedAt: parseChangedAt(String(row[COLUMN.changed_at])),
    gender: gender === "M" || gender === "F" ? gender : null,
  };
}

interface ManifestFile {
  path: string;
  division: string;
  kind: string;
}

/**
 * Every member file in arrival order; per (division, member number) the record with the latest
 * change time (a late file must not overwrite a newer update); a withdrawal removes the member.
 */
export async function readLatestMembers(deliveryDir: string): Promise<MemberRecord[]> {
  const manifest = JSON.parse(await readFile(join(deliveryDir, "delivery_manifest.json"), "utf8")) as {
    files: ManifestFile[];
  };
  const latest = new Map<string, { record: MemberRecord | null; at: number }>();
  for (const entry of manifest.files) {
    if (entry.kind !== "members") continue;
    const file = identifyFeedFile(entry.path);
    if (file?.kind !== "member" || !file.businessDate) continue;
    try {
      for await (const events of readFeed(join(deliveryDir, entry.path), file, { businessDate: file.businessDate })) {
        for (const event of events) {
          if (event.type !== "row") continue;
          for (const row of event.rows) {
            const key = `${row[COLUMN.division]}\u0000${row[COLUMN.member_no]}`;
            const changedAt = text(row[COLUMN.changed_at]);
            if (!changedAt) continue;
            const at = parseChangedAt(changedAt).getTime();
            const held = latest.get(key);
            if (held && held.at > at) continue;
            const withdrawn = row[COLUMN.change_type] === "withdraw";
            latest.set(key, { record: withdrawn ? null : memberRecordOf(row, file.businessDate), at });
          }
        }
      }
    } catch (error) {
      // A refused file loads nothing; its corrected re-delivery comes later in the manifest.
      if (!(error instanceof FileRefusedError)) throw error;
    }
  }
  return [...latest.values()].flatMap((v) => (v.record ? [v.record] : []));
}
