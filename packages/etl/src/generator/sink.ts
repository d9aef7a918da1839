/**
 * A file written in large synchronous chunks, encoded as its division requires, with its row
 * count and md5 kept as it goes. Synchronous on purpose: the generator is a single CPU-bound
 * loop, and a blocking write of a 256 KB chunk is the simplest bounded-memory back-pressure.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import iconv from "iconv-lite";

const FLUSH_AT = 256 * 1024;

export interface Written {
  /** Relative to the delivery folder, with forward slashes. */
  path: string;
  rows: number;
  bytes: number;
  md5: string;
}

export class FileSink {
  private readonly fd: number;
  private readonly hash: Hash = createHash("md5");
  private pending: string[] = [];
  private pendingChars = 0;
  private bytes = 0;
  rows = 0;

  constructor(
    root: string,
    readonly path: string,
    private readonly encoding: "cp949" | "utf8",
    private readonly eol: string,
  ) {
    const full = `${root}/${path}`;
    mkdirSync(dirname(full), { recursive: true });
    this.fd = openSync(full, "w");
  }

  /** A line that is not a data row (a header or a trailer). */
  text(line: string): void {
    this.pending.push(line, this.eol);
    this.pendingChars += line.length + this.eol.length;
    if (this.pendingChars >= FLUSH_AT) this.flush();
  }

  /** A data line; `rows` is the feed rows it holds (an SM receipt: one per item). */
  row(line: string, rows = 1): void {
    this.rows += rows;
    this.text(line);
  }

  /** A data row written as UTF-8 even though the file is CP949 (a planted wrong-encoding row). */
  rawUtf8Row(line: string): void {
    this.flush();
    this.rows++;
    this.writeBytes(Buffer.from(line + this.eol, "utf8"));
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    this.writeBytes(this.encoding === "cp949" ? iconv.encode(chunk, "cp949") : Buffer.from(chunk, "utf8"));
  }

  private writeBytes(buffer: Buffer): void {
    this.hash.update(buffer);
    this.bytes += buffer.length;
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(this.fd, buffer, offset);
  }

  close(): Written {
    this.flush();
    closeSync(this.fd);
    return { path: this.path, rows: this.rows, bytes: this.bytes, md5: this.hash.digest("hex") };
  }
}
