import { once } from "node:events";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Cell } from "../feeds/types.ts";
import { copyLine } from "./copy-text.ts";

/**
 * COPY … FROM STDIN on the caller's connection (and so inside its transaction), fed line by
 * line with backpressure: lines are gathered into ~256 KB writes, and a full stream is awaited.
 */
export class CopyWriter {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  private buffer = "";
  rows = 0;

  constructor(client: PoolClient, table: string, columns: readonly string[]) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
    this.done = new Promise((resolve, reject) => {
      this.stream.on("finish", resolve);
      this.stream.on("error", reject);
    });
    // Surface a failure early rather than on finish; the promise rejection is observed there.
    this.done.catch(() => {});
  }

  async write(values: readonly Cell[]): Promise<void> {
    this.buffer += copyLine(values);
    this.rows++;
    if (this.buffer.length >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer === "") return;
    const ok = this.stream.write(this.buffer);
    this.buffer = "";
    if (!ok) await Promise.race([once(this.stream, "drain"), this.done]);
  }

  async end(): Promise<number> {
    await this.flush();
    this.stream.end();
    await this.done;
    return this.rows;
  }
}
