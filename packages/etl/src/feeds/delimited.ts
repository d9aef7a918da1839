import { createHash } from "node:crypto";
import { RowDeduper } from "./dedupe.ts";
import { checkControl, checkHeader, checkTrailer, type Decoded, readControl } from "./file-checks.ts";
import { type Line, readLines } from "./lines.ts";
import type { Accepted, FeedEvent, ReadOptions, Rejected } from "./types.ts";

/** How one delimited format (DPT CSV, MART PSV, HQ CSV) is read; the row builder is per file kind. */
export type DelimitedLayout = {
  decode: (bytes: Buffer) => Decoded;
  split: (text: string) => string[] | null;
  header: readonly string[];
  /** DPT: `EOF,<n>` last line. */
  trailer: boolean;
  /** MART: `<file>.ctl` with row_count and md5. */
  control: boolean;
  build: (fields: string[], lineNo: number, text: string, options: ReadOptions) => Accepted | Rejected;
};

/**
 * Streams a delimited feed file into row events. File-level verdicts (trailer, control file)
 * are only known at the end, so they throw FileRefusedError after the rows
 * were yielded: the loader stages inside a transaction and rolls it back.
 */
export async function* readDelimited(
  path: string,
  layout: DelimitedLayout,
  options: ReadOptions,
): AsyncGenerator<FeedEvent[]> {
  const control = layout.control ? await readControl(path) : null;
  const md5 = layout.control ? createHash("md5") : null;
  const dedupe = new RowDeduper();
  let headerSeen = false;
  let rows = 0;
  // DPT: the trailer is the last line, so each line is held back until the next one arrives.
  let held: Line | null = null;

  const row = (line: Line): FeedEvent => {
    rows++;
    if (dedupe.repeat(line.bytes)) return { type: "skip", lineNo: line.lineNo };
    const text = layout.decode(line.bytes);
    if ("error" in text) return { type: "reject", lineNo: line.lineNo, reason: text.error, raw: text.raw };
    const fields = layout.split(text.text);
    if (fields === null) return { type: "reject", lineNo: line.lineNo, reason: "malformed quoting", raw: text.text };
    if (fields.length !== layout.header.length) {
      return {
        type: "reject",
        lineNo: line.lineNo,
        reason: `wrong number of fields: ${fields.length}, expected ${layout.header.length}`,
        raw: text.text,
      };
    }
    return layout.build(fields, line.lineNo, text.text, options);
  };

  for await (const batch of readLines(path, (chunk) => {
    md5?.update(chunk);
    options.onBytes?.(chunk.length);
  })) {
    const events: FeedEvent[] = [];
    for (const line of batch) {
      if (!headerSeen) {
        const header = layout.decode(line.bytes);
        checkHeader("error" in header ? null : layout.split(header.text), layout.header);
        headerSeen = true;
        continue;
      }
      if (layout.trailer) {
        if (held) events.push(row(held));
        held = line;
      } else {
        events.push(row(line));
      }
    }
    if (events.length > 0) yield events;
  }
  if (!headerSeen) checkHeader(null, layout.header);
  if (layout.trailer) checkTrailer(held === null ? null : held.bytes.toString("latin1"), rows);
  if (control && md5) checkControl(control, rows, md5.digest("hex"));
}
