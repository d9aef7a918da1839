/**
 * The ground truth beside a delivery (for tests and the benchmark only, never for the ETL):
 * _truth/identities.csv.gz maps each division's member to the person behind it, and
 * _truth/planted.json counts every planted problem per kind, in total and per file.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { csvLine } from "./formats/csv.ts";

export const TRUTH_DIR = "_truth";
export const IDENTITIES = `${TRUTH_DIR}/identities.csv.gz`;
export const PLANTED = `${TRUTH_DIR}/planted.json`;

export const IDENTITY_COLUMNS = [
  "division",
  "member_no",
  "card_no",
  "person_id",
  "recorded_name",
  "true_name",
  "has_ci",
  "name_typo",
  "old_address",
  "other_phone",
] as const;

/**
 * Gzip in independent members of ~1 MB each: a valid .gz (readers concatenate members), and
 * never more than one chunk of text in memory, however many members there are.
 */
export class IdentityWriter {
  private readonly fd: number;
  private chunk: string[] = [];
  private chars = 0;
  rows = 0;

  constructor(root: string) {
    mkdirSync(`${root}/${TRUTH_DIR}`, { recursive: true });
    this.fd = openSync(`${root}/${IDENTITIES}`, "w");
    this.line(IDENTITY_COLUMNS.join(","));
  }

  private line(text: string): void {
    this.chunk.push(text, "\n");
    this.chars += text.length + 1;
    if (this.chars > 1_000_000) this.flush();
  }

  add(values: Record<(typeof IDENTITY_COLUMNS)[number], string | boolean>): void {
    this.rows++;
    this.line(
      csvLine(
        IDENTITY_COLUMNS.map((c) => (typeof values[c] === "boolean" ? (values[c] ? "1" : "0") : (values[c] as string))),
      ),
    );
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const gz = gzipSync(this.chunk.join(""));
    writeSync(this.fd, gz);
    this.chunk = [];
    this.chars = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function writePlanted(root: string, planted: unknown): void {
  mkdirSync(`${root}/${TRUTH_DIR}`, { recursive: true });
  writeFileSync(`${root}/${PLANTED}`, `${JSON.stringify(planted, null, 1)}\n`);
}
