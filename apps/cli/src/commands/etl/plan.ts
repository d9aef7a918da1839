import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { deliveryDigest } from "@dangol/etl/batches";
import { type FeedFile, identifyFeedFile, loadOrder } from "@dangol/etl/feeds";
import { CliError } from "../../errors.ts";

export type PlannedFile = {
  path: string;
  relPath: string;
  seq: number | null;
  file: FeedFile;
  sha256: string;
  jobId: string;
};

const MANIFEST = "delivery_manifest.json";

/** BullMQ refuses ':' in custom ids; the checksum makes the id change exactly when the content does. */
export function jobIdOf(file: FeedFile, sha256: string): string {
  return `etl.file-${file.division}-${file.name}-${sha256}`;
}

function walk(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith("_") || entry.name.startsWith(".")) return []; // _truth/ is not part of a delivery
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walk(root, full) : [full];
  });
}

/**
 * The files of a delivery in load order: the manifest's arrival order when there is one,
 * else masters first, then by business day members before sales (redeliveries after originals).
 */
export async function planDelivery(dir: string): Promise<PlannedFile[]> {
  const root = resolve(dir);
  if (!existsSync(root)) throw new CliError(`${dir}: no such directory`);
  let entries: { path: string; seq: number | null }[];
  const manifestPath = join(root, MANIFEST);
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { files?: { seq: number; path: string }[] };
    if (!Array.isArray(manifest.files)) throw new CliError(`${manifestPath}: no "files" array`);
    entries = [...manifest.files].sort((a, b) => a.seq - b.seq).map((f) => ({ path: join(root, f.path), seq: f.seq }));
  } else {
    entries = walk(root)
      .filter((path) => identifyFeedFile(path) !== null)
      .sort((a, b) => loadOrder(identifyFeedFile(a)!, identifyFeedFile(b)!) || a.localeCompare(b))
      .map((path) => ({ path, seq: null }));
  }
  const planned: PlannedFile[] = [];
  for (const { path, seq } of entries) {
    const file = identifyFeedFile(path);
    if (!file) throw new CliError(`${relative(root, path)}: not a feed file name feeds.md knows`);
    if (!existsSync(path)) throw new CliError(`${relative(root, path)}: listed in the manifest but missing`);
    const { sha256 } = await deliveryDigest(path, file.division);
    planned.push({ path, relPath: relative(root, path), seq, file, sha256, jobId: jobIdOf(file, sha256) });
  }
  if (planned.length === 0) throw new CliError(`${dir}: no feed files found`);
  return planned;
}
