import { isUtf8 } from "node:buffer";
import { readFile } from "node:fs/promises";
import iconv from "iconv-lite";
import { FileRefusedError } from "./types.ts";

/** Header line must name exactly the documented columns; anything else means we cannot trust the layout. */
export function checkHeader(actual: string[] | null, expected: readonly string[]): void {
  if (actual === null || actual.length !== expected.length || actual.some((name, i) => name.trim() !== expected[i])) {
    throw new FileRefusedError(
      `no valid header: expected ${expected.join(",")}, found ${JSON.stringify((actual ?? []).join(",").slice(0, 200))}`,
      0,
    );
  }
}

/** DPT: the last line is `EOF,<n>` and n counts every line between header and trailer. */
export function checkTrailer(last: string | null, rows: number): void {
  const m = last === null ? null : /^EOF,(\d+)$/.exec(last);
  if (!m)
    throw new FileRefusedError(
      `truncated: no EOF trailer (last line ${JSON.stringify((last ?? "").slice(0, 60))})`,
      rows + (last === null ? 0 : 1),
    );
  if (Number(m[1]) !== rows) throw new FileRefusedError(`trailer says EOF,${m[1]} but the file has ${rows} rows`, rows);
}

export type Control = { rowCount: number; md5: string };

/** MART: `<file>.ctl` beside the data file, one line `row_count=<n>|md5=<hex>`. */
export async function readControl(path: string): Promise<Control> {
  const text = await readFile(`${path}.ctl`, "utf8").catch(() => null);
  if (text === null) throw new FileRefusedError(`control file ${path.split("/").pop()}.ctl is missing`, 0);
  const m = /^row_count=(\d+)\|md5=([0-9a-f]{32})\s*$/i.exec(text);
  if (!m) throw new FileRefusedError(`control file unreadable: ${JSON.stringify(text.slice(0, 80))}`, 0);
  return { rowCount: Number(m[1]), md5: m[2]!.toLowerCase() };
}

export function checkControl(control: Control, rows: number, md5: string): void {
  if (control.rowCount !== rows) {
    throw new FileRefusedError(
      `truncated: control file says row_count=${control.rowCount} but the file has ${rows} rows`,
      rows,
    );
  }
  if (control.md5 !== md5)
    throw new FileRefusedError(`md5 ${md5} disagrees with the control file's ${control.md5}`, rows);
}

/**
 * "No line of it decodes": counts the header too, so for DPT/MART/HQ a decodable header means
 * the file decodes (a lone wrong-encoding row is a rejected row). Only SM, headerless, needs it.
 */
export function checkSomethingDecoded(rows: number, decoded: number): void {
  if (rows > 0 && decoded === 0) throw new FileRefusedError(`undecodable: none of its ${rows} rows decodes`, rows);
}

export type Decoded = { text: string } | { error: string; raw: string };

function hasHighBytes(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * CP949 with wrong-encoding detection. UTF-8 Hangul (3 bytes, lead 0xEA–0xED, two bytes
 * 0x80–0xBF) often decodes as CP949 into plausible Hanja/Hangul, so decoding alone cannot
 * tell. The raw bytes can: genuine CP949 Hangul has a lead byte 0xB0–0xC8 followed by a
 * trail byte 0xA1–0xFE, which is almost never a valid UTF-8 sequence (0xB0–0xBF cannot start
 * one, and 0xC2–0xC8 need a trail ≤ 0xBF followed by an ASCII byte). So: a line with
 * non-ASCII bytes that is valid UTF-8 is a UTF-8 row; a line that is neither is damaged
 * (iconv-lite substitutes U+FFFD for undecodable sequences).
 */
export function decodeCp949(bytes: Buffer): Decoded {
  if (!hasHighBytes(bytes)) return { text: bytes.toString("latin1") };
  if (isUtf8(bytes)) return { error: "wrong encoding: UTF-8 row in a CP949 file", raw: bytes.toString("utf8") };
  const text = iconv.decode(bytes, "cp949");
  if (text.includes("\uFFFD")) return { error: "wrong encoding: not valid CP949", raw: text };
  return { text };
}

export function decodeUtf8(bytes: Buffer): Decoded {
  if (!hasHighBytes(bytes)) return { text: bytes.toString("latin1") };
  if (isUtf8(bytes)) return { text: bytes.toString("utf8") };
  return { error: "wrong encoding: not valid UTF-8", raw: iconv.decode(bytes, "cp949") };
}
