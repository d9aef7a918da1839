import { readDelimited } from "./delimited.ts";
import { DPT_LAYOUTS } from "./dpt.ts";
import { HQ_LAYOUTS } from "./hq.ts";
import type { FeedFile } from "./identify.ts";
import { MART_LAYOUTS } from "./mart.ts";
import { readSm } from "./sm.ts";
import type { FeedEvent, ReadOptions } from "./types.ts";

/**
 * Reads one feed file as batches of row events. Throws FileRefusedError (possibly after
 * yielding rows) when the whole file must be refused.
 */
export function readFeed(path: string, file: FeedFile, options: ReadOptions): AsyncGenerator<FeedEvent[]> {
  if (file.kind === "sales" && !options.reference)
    throw new Error(`${file.name}: sales need the division's store and product masters`);
  if (file.division === "SM") return readSm(path, file.kind, options);
  const layouts = { DPT: DPT_LAYOUTS, MART: MART_LAYOUTS, HQ: HQ_LAYOUTS }[file.division];
  const layout = layouts[file.kind];
  if (!layout) throw new Error(`${file.division} has no ${file.kind} feed`);
  return readDelimited(path, layout, options);
}
