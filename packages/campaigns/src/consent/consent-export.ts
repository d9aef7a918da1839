import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AuditActor, writeAudit } from "@dangol/db/audit";
import type { PrismaClient } from "@dangol/db/client";
import { DANGOL_OPT_OUT_SOURCES } from "@dangol/domain";
import iconv from "iconv-lite";

/**
 * The daily outbound consent files (docs/campaigns.md): every consent change Dangol itself took
 * (store, unsubscribe link, 080 list) during one Seoul day, sent back to each division in the
 * convention of that division's own member feed, keyed by the division's member number, so the
 * divisions stop marketing too. A customer with no membership in a division is not in its file.
 */
export type ConsentExportDivision = "DPT" | "MART" | "SM";
export type ConsentExportResult = {
  day: string;
  files: { division: ConsentExportDivision; path: string; rows: number }[];
  events: number;
};

type Row = {
  source_code: ConsentExportDivision;
  member_no: string;
  channel: "SMS" | "EMAIL" | "DM" | "TM" | "NIGHT";
  granted: boolean;
  changed_at: Date;
  source: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Seoul wall-clock parts of an instant (fixed +09:00, as the rest of the campaign code). */
function seoul(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + 9 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

const DPT_CHANNEL = { SMS: "SMS", EMAIL: "EMAIL", DM: "DM", TM: "TM", NIGHT: "야간" } as const;

/** DPT: CP949, CRLF, comma-separated (no field needs quoting), Korean header, trailer EOF,<n>. */
function dptFile(rows: Row[]): Buffer {
  const lines = ["회원번호,채널,동의여부,변경일시,출처"];
  for (const r of rows) {
    const { date, time } = seoul(r.changed_at);
    lines.push([r.member_no, DPT_CHANNEL[r.channel], r.granted ? "Y" : "N", `${date} ${time}`, r.source].join(","));
  }
  lines.push(`EOF,${rows.length}`);
  return iconv.encode(`${lines.join("\r\n")}\r\n`, "cp949");
}

/** MART: UTF-8, LF, pipe-delimited with a snake_case header; the .ctl beside it is built from it. */
function martFile(rows: Row[]): Buffer {
  const lines = ["member_no|channel|agree|agree_dt|source"];
  for (const r of rows) {
    const { date, time } = seoul(r.changed_at);
    const dt = `${date.replaceAll("-", "")}${time.replaceAll(":", "")}`;
    lines.push([r.member_no, r.channel.toLowerCase(), r.granted ? "1" : "0", dt, r.source].join("|"));
  }
  return Buffer.from(`${lines.join("\n")}\n`, "utf8");
}

/** SM: JSON Lines, ISO-8601 with +09:00; a last trailer object carries the count (SM feeds have none). */
function smFile(rows: Row[]): Buffer {
  const lines = rows.map((r) => {
    const { date, time } = seoul(r.changed_at);
    return JSON.stringify({
      memberId: r.member_no,
      channel: r.channel.toLowerCase(),
      granted: r.granted,
      changedAt: `${date}T${time}+09:00`,
      source: r.source,
    });
  });
  lines.push(JSON.stringify({ trailer: { rowCount: rows.length } }));
  return Buffer.from(`${lines.join("\n")}\n`, "utf8");
}

/** Written beside and renamed over: a division's pick-up never sees half a file. */
async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
  const temp = `${path}.part`;
  await writeFile(temp, data);
  await rename(temp, path);
}

export function consentExportFileNames(day: string): Record<ConsentExportDivision, string> {
  const ymd = day.replaceAll("-", "");
  return { DPT: `DPT_CONSENT_${ymd}.csv`, MART: `mart_consent_${ymd}.psv`, SM: `sm_consent_${ymd}.jsonl` };
}

/**
 * Writes the three files for the changes recorded in Seoul day `day` (recorded_at, not changed_at:
 * an 080 call from last week imported today goes out today). Running it again rewrites the same
 * files. Each run is recorded in the audit log (action consent.export, target the day).
 */
export async function exportConsentChanges(
  prisma: PrismaClient,
  options: { day: string; outDir: string; actor?: AuditActor },
): Promise<ConsentExportResult> {
  if (!DAY.test(options.day) || Number.isNaN(Date.parse(`${options.day}T00:00:00+09:00`)))
    throw new Error(`day must be YYYY-MM-DD, got ${options.day}`);
  const from = new Date(`${options.day}T00:00:00+09:00`);
  const to = new Date(from.getTime() + 24 * 3600_000);
  const sources = [...DANGOL_OPT_OUT_SOURCES];
  // Members withdrawn from a division are gone there; inferred members (known only from sales)
  // still have the division's number, and the division may market to them.
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT l.source_code, l.member_no, e.channel::text AS channel, e.granted, e.changed_at, e.source
      FROM consent_event e
      JOIN customer_source_link l ON l.customer_id = e.customer_id AND l.withdrawn_at IS NULL
                                 AND l.source_code IN ('DPT', 'MART', 'SM')
     WHERE e.source = ANY(${sources}::text[]) AND e.recorded_at >= ${from} AND e.recorded_at < ${to}
     ORDER BY l.source_code, e.recorded_at, e.id, l.member_no`;
  const [events] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM consent_event
     WHERE source = ANY(${sources}::text[]) AND recorded_at >= ${from} AND recorded_at < ${to}`;
  await mkdir(options.outDir, { recursive: true });
  const names = consentExportFileNames(options.day);
  const of = (division: ConsentExportDivision) => rows.filter((r) => r.source_code === division);
  const files: ConsentExportResult["files"] = [];
  for (const division of ["DPT", "MART", "SM"] as const) {
    const divisionRows = of(division);
    const path = join(options.outDir, names[division]);
    const data =
      division === "DPT" ? dptFile(divisionRows) : division === "MART" ? martFile(divisionRows) : smFile(divisionRows);
    await writeAtomically(path, data);
    if (division === "MART") {
      const md5 = createHash("md5").update(data).digest("hex");
      await writeAtomically(`${path}.ctl`, `row_count=${divisionRows.length}|md5=${md5}\n`);
    }
    files.push({ division, path, rows: divisionRows.length });
  }
  const result = { day: options.day, files, events: Number(events?.n ?? 0) };
  await prisma.$transaction((tx) =>
    writeAudit(tx, {
      actor: options.actor ?? { system: "worker" },
      action: "consent.export",
      targetType: "consent_export",
      targetId: options.day,
      details: { events: result.events, files: files.map((f) => ({ division: f.division, rows: f.rows })) },
    }),
  );
  return result;
}
