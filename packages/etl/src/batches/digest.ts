import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";

/**
 * A delivery's identity besides its name: sha256 of the data file, and for MART also of its
 * `.ctl`. The control file must count: a file refused for a wrong md5 in its `.ctl` is
 * corrected by redelivering the SAME data bytes with a fixed `.ctl`, and that correction must
 * be a new batch, not "the same content again".
 */
export async function fileDigest(path: string, withControl = false): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  if (withControl && existsSync(`${path}.ctl`)) {
    for await (const chunk of createReadStream(`${path}.ctl`) as AsyncIterable<Buffer>) hash.update(chunk);
  }
  return { sha256: hash.digest("hex"), size };
}

/** The checksum etl_batch and the job id use for a feed file. */
export function deliveryDigest(path: string, division: string): Promise<{ sha256: string; size: number }> {
  return fileDigest(path, division === "MART");
}
