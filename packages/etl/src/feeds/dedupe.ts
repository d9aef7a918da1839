import { createHash } from "node:crypto";

/**
 * Remembers a 16-byte digest per row rather than the row, so a day's file costs a few MB at
 * most however long its lines are. md5 is fine here: the input is not adversarial.
 */
export class RowDeduper {
  private readonly seen = new Set<string>();

  /** True when identical bytes were already seen in this file. */
  repeat(bytes: Buffer): boolean {
    const digest = createHash("md5").update(bytes).digest("base64");
    if (this.seen.has(digest)) return true;
    this.seen.add(digest);
    return false;
  }
}
