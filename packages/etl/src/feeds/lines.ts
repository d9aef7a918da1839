import { createReadStream } from "node:fs";

/** One physical line without its LF (and without a CR before it). lineNo is 1-based. */
export type Line = { lineNo: number; bytes: Buffer };

/**
 * Streams a file as batches of lines, one batch per read chunk, so a reader never holds the
 * file and pays one await per chunk rather than per line. A last line without LF (a cut file)
 * is still a line. `onChunk` sees the raw bytes (md5 of MART files, progress).
 */
export async function* readLines(path: string, onChunk?: (chunk: Buffer) => void): AsyncGenerator<Line[]> {
  let carry: Buffer | null = null;
  let lineNo = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    onChunk?.(chunk);
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const batch: Line[] = [];
    let start = 0;
    for (let at = data.indexOf(0x0a, start); at !== -1; at = data.indexOf(0x0a, start)) {
      const end = at > start && data[at - 1] === 0x0d ? at - 1 : at;
      batch.push({ lineNo: ++lineNo, bytes: data.subarray(start, end) });
      start = at + 1;
    }
    carry = start < data.length ? Buffer.from(data.subarray(start)) : null;
    if (batch.length > 0) yield batch;
  }
  if (carry && carry.length > 0) {
    const end = carry[carry.length - 1] === 0x0d ? carry.length - 1 : carry.length;
    yield [{ lineNo: ++lineNo, bytes: carry.subarray(0, end) }];
  }
}
