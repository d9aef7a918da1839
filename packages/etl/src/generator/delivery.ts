/**
 * The delivery as the ETL sees it: which files arrived when. Daily files arrive the night
 * after their business day; a few arrive a night late (after the next day's) or twice (a
 * byte-identical copy under redelivered/); with --file-faults a few arrive damaged and their
 * corrected copy follows under redelivered/. delivery_manifest.json lists everything in
 * arrival order — the order the ETL must load in.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { isoDate, isoDateTime, type LocalSeconds, partsOf } from "./calendar.ts";
import type { Written } from "./sink.ts";
import type { Division } from "./types.ts";

export const MANIFEST = "delivery_manifest.json";
export const REDELIVERED = "redelivered";

export type FileKind = "hq" | "stores" | "products" | "members" | "sales";
export type FileFault = "truncated" | "wrong_trailer" | "wrong_md5" | "cut_mid_line";

export interface ManifestEntry {
  path: string;
  /** MART's control file beside the data file. */
  control: string | null;
  division: Division | "HQ";
  kind: FileKind;
  businessDay: string | null;
  arrivedAt: string;
  rows: number;
  bytes: number;
  md5: string;
  /** Why this entry exists beyond the normal nightly delivery. */
  event: "late_file" | "duplicate_file" | "damaged" | "correction" | null;
}

const NIGHT_OFFSET: Record<Division | "HQ", number> = { HQ: 3600, DPT: 2 * 3600, MART: 2.5 * 3600, SM: 3 * 3600 };

/** When the night's batch of a division lands: after midnight following the business day. */
export function nightlyArrival(division: Division | "HQ", day: number, kind: FileKind): LocalSeconds {
  return (day + 1) * 86_400 + NIGHT_OFFSET[division] + (kind === "sales" ? 600 : 0);
}

interface Pending {
  entry: ManifestEntry;
  at: LocalSeconds;
  order: number;
}

/**
 * Feed rows in SM JSON Lines as feeds.md counts them: a receipt's items, one per line that holds
 * no items (a member) or cannot be read (a cut or broken line).
 */
function jsonLinesRows(bytes: Buffer): number {
  let rows = 0;
  for (const line of bytes.toString("utf8").split("\n")) {
    if (line === "") continue;
    try {
      const items = (JSON.parse(line) as { items?: unknown }).items;
      rows += Array.isArray(items) && items.length > 0 ? items.length : 1;
    } catch {
      rows += 1;
    }
  }
  return rows;
}

export class Delivery {
  private readonly entries: Pending[] = [];

  constructor(readonly root: string) {}

  add(
    written: Written,
    meta: { division: Division | "HQ"; kind: FileKind; day: number | null; control: string | null },
    at: LocalSeconds,
    event: ManifestEntry["event"] = null,
  ): void {
    this.entries.push({
      entry: {
        path: written.path,
        control: meta.control,
        division: meta.division,
        kind: meta.kind,
        businessDay: meta.day === null ? null : isoDate(meta.day),
        arrivedAt: isoDateTime(partsOf(at)),
        rows: written.rows,
        bytes: written.bytes,
        md5: written.md5,
        event,
      },
      at,
      order: this.entries.length,
    });
  }

  /** A byte-identical copy (with its control file) under redelivered/, arriving later. */
  redeliver(written: Written, control: string | null): { written: Written; control: string | null } {
    const copy = (path: string) => {
      const target = `${REDELIVERED}/${path}`;
      mkdirSync(dirname(`${this.root}/${target}`), { recursive: true });
      copyFileSync(`${this.root}/${path}`, `${this.root}/${target}`);
      return target;
    };
    return { written: { ...written, path: copy(written.path) }, control: control === null ? null : copy(control) };
  }

  /** Damages a delivered file in place (after its correct copy was taken) and says how many rows it now holds. */
  damage(written: Written, control: string | null, fault: FileFault, layout: "trailer" | "ctl" | "none"): Written {
    const full = `${this.root}/${written.path}`;
    const bytes = readFileSync(full);
    let damaged = bytes;
    if (fault === "truncated" || fault === "cut_mid_line") {
      // Cut inside a line past the header, the way an interrupted transfer does.
      let cut = Math.floor(bytes.length * 0.6);
      while (cut < bytes.length - 1 && bytes[cut - 1] === 0x0a) cut++;
      damaged = bytes.subarray(0, cut);
    } else if (fault === "wrong_trailer") {
      const text = bytes.toString("latin1");
      const at = text.lastIndexOf("EOF,");
      damaged = Buffer.from(`${text.slice(0, at)}EOF,${written.rows + 7}\r\n`, "latin1");
    }
    writeFileSync(full, damaged);
    if (fault === "wrong_md5" && control !== null && existsSync(`${this.root}/${control}`)) {
      const wrong = createHash("md5").update(bytes).update("x").digest("hex");
      writeFileSync(`${this.root}/${control}`, `row_count=${written.rows}|md5=${wrong}\n`);
    }
    const lines = damaged.toString("latin1").split("\n").length - 1 + (damaged.at(-1) === 0x0a ? 0 : 1);
    return {
      ...written,
      bytes: damaged.length,
      md5: createHash("md5").update(damaged).digest("hex"),
      // Rows actually there: every line after the header (a cut last line counts), trailer excluded.
      // SM ("none") has no header line, and a receipt line holds one row per item.
      rows:
        fault === "wrong_md5"
          ? written.rows
          : layout === "none"
            ? jsonLinesRows(damaged)
            : Math.max(0, lines - 1 - (layout === "trailer" && fault === "wrong_trailer" ? 1 : 0)),
    };
  }

  writeManifest(header: Record<string, unknown>): ManifestEntry[] {
    const ordered = [...this.entries].sort((a, b) => a.at - b.at || a.order - b.order).map((p) => p.entry);
    const lines = ordered.map((entry, i) => JSON.stringify({ seq: i + 1, ...entry }));
    writeFileSync(
      `${this.root}/${MANIFEST}`,
      `{\n"generator": ${JSON.stringify(header)},\n"files": [\n${lines.join(",\n")}\n]\n}\n`,
    );
    return ordered;
  }
}
