import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { PrismaClient } from "@dangol/db/client";
import { cleansePhone } from "@dangol/domain/cleansing";
import iconv from "iconv-lite";
import { type OptOut, recordOptOuts } from "./opt-outs.ts";

/**
 * The 080 free opt-out list (docs/campaigns.md, "Consent, opt-outs and suppression"): one line per
 * call, `phone,called_at`, an optional `phone,called_at` header, UTF-8 or CP949. A caller asked to
 * stop ads by phone, which covers the channels that use the number: SMS and TM.
 */
export const OPTOUT_080_CHANNELS = ["SMS", "TM"] as const;

export type Optout080Rejection = { line: number; reason: string; raw: string };
export type Optout080Report = {
  file: string;
  rowsIn: number;
  matched: number;
  unmatched: number;
  rejected: Optout080Rejection[];
  /** consent events written by this import (0 when the file was imported before) */
  eventsAdded: number;
  customers: number;
};

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else CP949 — the provider sends either. */
export function decode080(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(bytes, "cp949");
  }
}

const CALLED_AT = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})(Z|[+-]\d{2}:?\d{2})?$/;

/** `YYYY-MM-DD HH:MM:SS` (Seoul), `YYYYMMDDHHMMSS` (Seoul) or ISO-8601 with an offset. */
export function parseCalledAt(raw: string): Date | null {
  const m = CALLED_AT.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const offset = zone ? (zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`) : "+09:00";
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  // Date rolls 2024-02-30 over into March: a date that does not round-trip is refused.
  if (Number.isNaN(at.getTime())) return null;
  const local = new Date(at.getTime() + (offset === "Z" ? 0 : 9 * 3600_000));
  if (!zone && local.getUTCDate() !== Number(d)) return null;
  return at;
}

type Line = { line: number; phone: string; calledAt: Date; raw: string };

/** Parses the decoded text; returns the good lines and the rejected ones with their reason. */
export function parse080(text: string, now: Date = new Date()): { rows: Line[]; rejected: Optout080Rejection[] } {
  const rows: Line[] = [];
  const rejected: Optout080Rejection[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    if (index === 0 && /^\s*phone\s*,\s*called_at\s*$/i.test(raw)) return;
    const fields = raw.split(",");
    if (fields.length !== 2) {
      rejected.push({ line, raw, reason: `expected 2 fields (phone,called_at), got ${fields.length}` });
      return;
    }
    const phone = cleansePhone(fields[0]);
    if ("finding" in phone || phone.value === null) {
      rejected.push({ line, raw, reason: "not a phone number" });
      return;
    }
    const calledAt = parseCalledAt(fields[1] ?? "");
    if (!calledAt) {
      rejected.push({ line, raw, reason: "called_at is not a date-time (YYYY-MM-DD HH:MM:SS)" });
      return;
    }
    if (calledAt.getTime() > now.getTime() + 5 * 60_000) {
      rejected.push({ line, raw, reason: "called_at is in the future" });
      return;
    }
    rows.push({ line, phone: phone.value, calledAt, raw });
  });
  return { rows, rejected };
}

/**
 * Imports one 080 file: every active customer whose number (golden record, or a division's member
 * record still held) matches a line gets an opt-out on SMS and TM at the time of the call. A file
 * imported twice adds nothing (an opt-out from the same source at the same instant is skipped).
 */
export async function importOptOut080(
  prisma: PrismaClient,
  path: string,
  options: { now?: Date } = {},
): Promise<Optout080Report> {
  const file = basename(path);
  const { rows, rejected } = parse080(decode080(await readFile(path)), options.now);
  const phones = [...new Set(rows.map((r) => r.phone))];
  const owners = phones.length
    ? await prisma.$queryRaw<{ phone: string; customer_id: bigint }[]>`
        SELECT DISTINCT p.phone, c.id AS customer_id
          FROM unnest(${phones}::text[]) AS p(phone)
          JOIN customer c ON c.status = 'ACTIVE' AND c.merged_into_id IS NULL AND c.erased_at IS NULL
           AND (c.phone = p.phone OR EXISTS (SELECT 1 FROM customer_source_link l
                 WHERE l.customer_id = c.id AND l.phone = p.phone AND l.withdrawn_at IS NULL))`
    : [];
  const byPhone = new Map<string, bigint[]>();
  for (const o of owners) byPhone.set(o.phone, [...(byPhone.get(o.phone) ?? []), o.customer_id]);
  const optOuts: OptOut[] = [];
  let matched = 0;
  for (const row of rows) {
    const customers = byPhone.get(row.phone) ?? [];
    if (customers.length > 0) matched++;
    for (const customerId of customers)
      for (const channel of OPTOUT_080_CHANNELS)
        optOuts.push({
          customerId,
          channel,
          changedAt: row.calledAt,
          source: "OPTOUT_080",
          sourceRef: `080:${file}:${row.line}`,
        });
  }
  const eventsAdded = await prisma.$transaction((tx) => recordOptOuts(tx, optOuts), { timeout: 120_000 });
  return {
    file,
    rowsIn: rows.length + rejected.length,
    matched,
    unmatched: rows.length - matched,
    rejected,
    eventsAdded,
    customers: new Set(optOuts.map((o) => o.customerId)).size,
  };
}
