import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { CsvError } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { CliError } from "../../errors.ts";

export type CsvRow = { line: number; fields: string[] };

const GZIP_MAGIC = [0x1f, 0x8b];

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    await handle.close();
  }
}

export type CsvReadOptions = {
  /** Keep empty lines as records (a basket file's empty line is an empty basket). */
  keepEmptyLines?: boolean;
  /** Allow records of differing lengths (baskets); otherwise each must match the first. */
  varyingFieldCounts?: boolean;
};

/**
 * Streams a CSV file's records with the line each ends on, gunzipping it when it starts with the
 * gzip magic bytes (whatever its name). Malformed CSV and unreadable files become a CliError
 * naming the file and line.
 */
export async function* readCsvRows(file: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRow> {
  for await (const rows of readCsvBatches(file, options)) yield* rows;
}

/**
 * readCsvRows a chunk of the file at a time, for readers of large files: one await per chunk
 * instead of one per record.
 */
export async function* readCsvBatches(file: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRow[]> {
  const gzipped = await isGzip(file);
  const read = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  // pipeline() hands a read failure to gunzip, so it surfaces in the loop below.
  const source: Readable = gzipped ? pipeline(read, createGunzip({ chunkSize: CHUNK_BYTES }), () => {}) : read;
  const decoder = new StringDecoder("utf8");
  const splitter = new CsvLineSplitter(options);
  try {
    for await (const chunk of source) {
      const rows = splitter.push(decoder.write(chunk as Buffer));
      if (rows.length > 0) yield rows;
    }
    const rows = splitter.end(decoder.end());
    if (rows.length > 0) yield rows;
  } catch (error) {
    if (error instanceof RecordError) throw new CliError(`${file} line ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith("Z_")) throw new CliError(`${file}: a truncated or corrupt gzip file (${code})`);
    if (code) throw new CliError(`cannot read ${file}: ${code}`);
    throw error;
  } finally {
    source.destroy();
  }
}

const CHUNK_BYTES = 1 << 20;

/** A malformed record; the message is `N: problem`, N its line. */
class RecordError extends Error {}

type ParsedRecord = { info: { lines: number }; record: string[] };

/**
 * CSV as csv-parse reads it (RFC 4180, record delimiter detected from the first line break, BOM
 * dropped), in two speeds: a line without a quote or a stray line-break character is split on
 * commas directly, and only a record with one of those goes through csv-parse — from the line it
 * starts on to the line where its quotes balance, which is where a well-formed record ends.
 * Line numbers count as csv-parse counts them.
 */
export class CsvLineSplitter {
  /** Unread text; while a record is pending it starts at that record's first line. */
  private text = "";
  private started = false;
  private delimiter: string | undefined;
  private line = 0;
  private pending: { startLine: number; quotes: number; scanned: number } | undefined;
  private fieldCount: number | undefined;

  constructor(private readonly options: CsvReadOptions) {}

  push(decoded: string): CsvRow[] {
    this.text += decoded;
    if (!this.started && this.text.length > 0) {
      if (this.text.charCodeAt(0) === 0xfeff) this.text = this.text.slice(1);
      this.started = true;
    }
    this.delimiter ??= detectRecordDelimiter(this.text);
    return this.delimiter === undefined ? [] : this.readLines(false);
  }

  end(decoded: string): CsvRow[] {
    const rows = this.push(decoded);
    // No line break outside quotes in the whole file: one record, or one ending in a lone \r.
    this.delimiter ??= this.text.endsWith("\r") ? "\r" : "\n";
    rows.push(...this.readLines(true));
    return rows;
  }

  /** Every complete line of the text; at the end of the file also the last, unterminated one. */
  private readLines(atEnd: boolean): CsvRow[] {
    const { text } = this;
    const delimiter = this.delimiter!;
    const rows: CsvRow[] = [];
    let recordStart = 0;
    let pos = this.pending?.scanned ?? 0;
    while (pos < text.length) {
      let to = text.indexOf(delimiter, pos);
      let next = to + delimiter.length;
      if (to < 0) {
        if (!atEnd) break;
        to = next = text.length;
      }
      const line = text.slice(pos, to);
      this.line++;
      if (!this.pending && (line.includes('"') || hasStrayBreak(line, delimiter)) && !ALL_QUOTED.test(line)) {
        this.pending = { startLine: this.line, quotes: 0, scanned: 0 };
        recordStart = pos;
      }
      if (this.pending) {
        this.pending.quotes += countQuotes(line);
        if (this.pending.quotes % 2 === 0) {
          this.parsePending(text.slice(recordStart, next), rows);
          recordStart = next;
        }
      } else {
        if (line.charCodeAt(0) === 0x22) this.emit(this.line, line.slice(1, -1).split('","'), rows);
        else if (line.length > 0) this.emit(this.line, line.split(","), rows);
        else if (this.options.keepEmptyLines) this.emit(this.line, [""], rows);
        recordStart = next;
      }
      pos = next;
    }
    // An unclosed quote at the end of the file: csv-parse says so.
    if (atEnd && this.pending) this.parsePending(text.slice(recordStart), rows);
    if (this.pending) this.pending.scanned = pos - recordStart;
    this.text = text.slice(this.pending ? recordStart : pos);
    return rows;
  }

  private parsePending(record: string, rows: CsvRow[]): void {
    const { startLine } = this.pending!;
    this.pending = undefined;
    let parsed: ParsedRecord[];
    try {
      // With `info` csv-parse returns { info, record } per record; its typings only know string[][].
      parsed = parseSync(record, {
        skip_empty_lines: !this.options.keepEmptyLines,
        relax_column_count: true,
        record_delimiter: this.delimiter,
        info: true,
      }) as unknown as ParsedRecord[];
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const lines = (error as CsvError & { lines?: number }).lines;
      throw new RecordError(
        describeCsvError(error, lines === undefined ? startLine : startLine - 1 + lines, startLine),
      );
    }
    for (const { info, record: fields } of parsed) this.emit(startLine - 1 + info.lines, fields, rows);
    // csv-parse also counts a stray \r inside a record as a line; follow its count from here on.
    const last = parsed[parsed.length - 1];
    if (last) this.line = startLine - 1 + last.info.lines;
  }

  private emit(line: number, fields: string[], rows: CsvRow[]): void {
    if (!this.options.varyingFieldCounts) {
      this.fieldCount ??= fields.length;
      if (fields.length !== this.fieldCount) {
        throw new RecordError(`${line}: ${fields.length} fields where the header has ${this.fieldCount}`);
      }
    }
    rows.push({ line, fields });
  }
}

/**
 * Every field quoted, none holding a quote or line break (how R's write.csv and many exports
 * write): `","` can only be a separator there, so splitting on it is what csv-parse would do.
 */
const ALL_QUOTED = /^"[^"\r\n]*"(?:,"[^"\r\n]*")*$/;

/** csv-parse's choice: the first line break outside quotes, `\r\n`, `\r` or `\n`; undefined until one is seen. */
function detectRecordDelimiter(text: string): string | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === 0x0a) return "\n";
    else if (!quoted && c === 0x0d)
      return i + 1 < text.length ? (text.charCodeAt(i + 1) === 0x0a ? "\r\n" : "\r") : undefined;
  }
  return undefined;
}

function hasStrayBreak(line: string, delimiter: string): boolean {
  return delimiter === "\n" ? line.includes("\r") : line.includes("\n") || line.includes("\r");
}

function countQuotes(line: string): number {
  let count = 0;
  for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) count++;
  return count;
}

/**
 * `N: problem`, csv-parse's message made plain. `recordLine` is where the failing record starts:
 * csv-parse reports an unclosed quote at the end of the file, which is no help to the reader.
 */
function describeCsvError(error: CsvError, line: number, recordLine: number): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `${recordLine}: a quoted field is never closed`;
    case "INVALID_OPENING_QUOTE":
      return `${line}: a quote inside an unquoted field (quote the whole field and double the quote)`;
    case "CSV_INVALID_CLOSING_QUOTE":
      return `${line}: text after a closing quote (write a quote inside a quoted field as "")`;
    default:
      return `${line}: ${error.message.replace(/,? (on|at) line \d+$/, "")}`;
  }
}

/** Column positions by name in a header row, or undefined when one is missing. */
export function findColumns<K extends string>(
  header: string[],
  wanted: Record<K, string>,
): Record<K, number> | undefined {
  const names = header.map((name) => name.trim());
  const indexes = {} as Record<K, number>;
  for (const key of Object.keys(wanted) as K[]) {
    const index = names.indexOf(wanted[key]);
    if (index < 0) return undefined;
    indexes[key] = index;
  }
  return indexes;
}

/** A problem with one record, named by file and line. */
export function lineError(file: string, row: CsvRow, problem: string): CliError {
  return new CliError(`${file} line ${row.line}: ${problem}`);
}
