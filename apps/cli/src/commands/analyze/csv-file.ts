import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { CsvError, parse } from "csv-parse";
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
  const gzipped = await isGzip(file);
  const parser = parse({
    bom: true,
    skip_empty_lines: !options.keepEmptyLines,
    relax_column_count: options.varyingFieldCounts ?? false,
    info: true,
  });
  const stages: Readable[] = gzipped ? [createReadStream(file), createGunzip()] : [createReadStream(file)];
  // pipeline() hands a read or gunzip failure to the parser, so it surfaces in the loop below.
  pipeline([...stages, parser], () => {});
  let lastLine = 0;
  try {
    for await (const { info, record } of parser as AsyncIterable<{ info: { lines: number }; record: string[] }>) {
      lastLine = info.lines;
      yield { line: info.lines, fields: record };
    }
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(`${file} line ${describeCsvError(error, lastLine + 1)}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith("Z_")) throw new CliError(`${file}: a truncated or corrupt gzip file (${code})`);
    if (code) throw new CliError(`cannot read ${file}: ${code}`);
    throw error;
  } finally {
    parser.destroy();
  }
}

/**
 * `N: problem`, csv-parse's message made plain. `recordLine` is where the failing record starts:
 * csv-parse reports an unclosed quote at the end of the file, which is no help to the reader.
 */
function describeCsvError(error: CsvError, recordLine: number): string {
  const line = (error as CsvError & { lines?: number }).lines ?? recordLine;
  const lengths = /expect (\d+), got (\d+)/.exec(error.message);
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `${recordLine}: a quoted field is never closed`;
    case "INVALID_OPENING_QUOTE":
      return `${line}: a quote inside an unquoted field (quote the whole field and double the quote)`;
    case "CSV_INVALID_CLOSING_QUOTE":
      return `${line}: text after a closing quote (write a quote inside a quoted field as "")`;
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      if (lengths) return `${line}: ${lengths[2]} fields where the header has ${lengths[1]}`;
      return `${line}: ${error.message}`;
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
