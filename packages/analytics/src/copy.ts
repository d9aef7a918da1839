import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { ClientBase } from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | boolean | bigint | null | undefined | readonly string[];

/** One value in COPY text format; our values are codes and numbers, but escape anyway. */
function field(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "\\N";
    return String(value);
  }
  if (Array.isArray(value))
    return escapeCopyText(`{${value.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`);
  return escapeCopyText(String(value));
}

function escapeCopyText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/**
 * Streams rows into `COPY table (columns) FROM STDIN` on `client`, waiting for the socket to drain
 * so memory stays flat however many rows come. Call `end()` once; it resolves when the server
 * has the data. For many rows prefer `writeRows`: one stream write per row took 2.5 s for 237k
 * rows, one write per 5,000-row batch 0.3–0.4 s.
 */
export function openCopy(client: ClientBase, table: string, columns: readonly string[]) {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  let rows = 0;
  let failure: Error | undefined;
  stream.on("error", (error: Error) => {
    failure = error;
  });
  const writeRows = async (batch: readonly (readonly CopyValue[])[]): Promise<void> => {
    if (failure) throw failure;
    if (batch.length === 0) return;
    rows += batch.length;
    let text = "";
    for (const values of batch) text += `${values.map(field).join("\t")}\n`;
    if (!stream.write(text)) await once(stream, "drain");
  };
  return {
    write: (values: readonly CopyValue[]) => writeRows([values]),
    writeRows,
    async end(): Promise<number> {
      if (failure) throw failure;
      stream.end();
      await finished(stream);
      return rows;
    },
  };
}
