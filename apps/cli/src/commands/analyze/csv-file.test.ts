import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvLineSplitter, type CsvReadOptions, type CsvRow, readCsvRows } from "./csv-file.ts";

const OPTIONS: CsvReadOptions[] = [
  {},
  { keepEmptyLines: true, varyingFieldCounts: true },
  { varyingFieldCounts: true },
];

/** What csv-parse makes of the whole text at once, or "error". */
function reference(text: string, options: CsvReadOptions): CsvRow[] | "error" {
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: !options.keepEmptyLines,
      relax_column_count: options.varyingFieldCounts ?? false,
      info: true,
    }) as unknown as { info: { lines: number }; record: string[] }[];
    return records.map(({ info, record }) => ({ line: info.lines, fields: record }));
  } catch {
    return "error";
  }
}

/** The splitter fed the text in pieces cut at random, as a stream's chunks fall. */
function split(text: string, options: CsvReadOptions, random: () => number): CsvRow[] | "error" {
  const splitter = new CsvLineSplitter(options);
  const rows: CsvRow[] = [];
  try {
    let at = 0;
    while (at < text.length) {
      const to = Math.min(text.length, at + 1 + Math.floor(random() * 12));
      rows.push(...splitter.push(text.slice(at, to)));
      at = to;
    }
    rows.push(...splitter.end(""));
    return rows;
  } catch {
    return "error";
  }
}

describe("CsvLineSplitter", () => {
  it("reads what csv-parse reads, records and line numbers, whatever the chunking", () => {
    const random = seeded(4180);
    const pieces = ["a", "bb", ",", ",", '"', '""', "\n", "\n", "\r\n", "\r", "é", "😀", " "];
    const field = () => (random() < 0.3 ? `"${["a", '""', "\n", ",", "\r\n", ""][Math.floor(random() * 6)]}x"` : "ab");
    for (let trial = 0; trial < 1500; trial++) {
      let text = trial % 10 === 0 ? "\ufeff" : "";
      const wellFormed = trial % 2 === 0;
      const lineBreak = trial % 4 === 0 ? "\n" : "\r\n";
      for (let i = Math.floor(random() * 30); i > 0; i--) {
        if (wellFormed) text += Array.from({ length: Math.floor(random() * 3) }, field).join(",") + lineBreak;
        else text += pieces[Math.floor(random() * pieces.length)];
      }
      for (const options of OPTIONS)
        expect(split(text, options, random), JSON.stringify(text)).toEqual(reference(text, options));
    }
    // 1,500 trials take ~2 s alone and over 5 s on two cores shared with a build: CPU-bound, not stuck.
  }, 30_000);

  it("splits lines with every field quoted without csv-parse, as csv-parse would", () => {
    const text = '"citrus fruit","semi-finished bread"\n"whole milk"\n"a,b",""\n';
    const options = { varyingFieldCounts: true };
    expect(split(text, options, () => 0.5)).toEqual(reference(text, options));
  });
});

describe("readCsvRows", () => {
  const write = (name: string, content: string | Buffer) => {
    const file = join(mkdtempSync(join(tmpdir(), "dangol-csv-")), name);
    writeFileSync(file, content);
    return file;
  };
  const read = async (file: string, options?: CsvReadOptions) => {
    const rows: CsvRow[] = [];
    for await (const row of readCsvRows(file, options)) rows.push(row);
    return rows;
  };

  it("reads a gzipped file whatever its name", async () => {
    const file = write("rows.csv", gzipSync('id,name\n1,"Kim, J"\n'));
    expect(await read(file)).toEqual([
      { line: 1, fields: ["id", "name"] },
      { line: 2, fields: ["1", "Kim, J"] },
    ]);
  });

  it("names the file and line of a record with the wrong number of fields", async () => {
    await expect(read(write("short.csv", "a,b\n1,2\n3\n"))).rejects.toThrow(
      /short\.csv line 3: 1 fields where the header has 2$/,
    );
  });

  it("names the line a never-closed quoted field starts on", async () => {
    await expect(read(write("open.csv", 'a\n\n"b\nc\n'), { varyingFieldCounts: true })).rejects.toThrow(
      /open\.csv line 3: a quoted field is never closed$/,
    );
  });

  it("names the line of a quote inside an unquoted field", async () => {
    await expect(read(write("quote.csv", 'a,b\nc,d"e\n'))).rejects.toThrow(
      /quote\.csv line 2: a quote inside an unquoted field/,
    );
  });
});

/** A seeded linear congruential generator: the same inputs on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}
