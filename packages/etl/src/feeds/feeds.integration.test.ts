import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate, MANIFEST, type ManifestEntry, PLANTED } from "../generator/index.ts";
import { identifyFeedFile, readFeed } from "./index.ts";
import { FileRefusedError, type Reference, rowsOf } from "./types.ts";

type Expected = { refused?: true; duplicateFile?: true; rejectedRows?: number; duplicateRows?: number };
type PlantedFile = { path: string; rows: number; expected: Expected };

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

type Tally = {
  rowsIn: number;
  accepted: number;
  rejected: number;
  skipped: number;
  refused: string | null;
  findings: number;
};

async function readOne(path: string, reference: Reference | undefined): Promise<Tally> {
  const file = identifyFeedFile(path)!;
  const tally: Tally = { rowsIn: 0, accepted: 0, rejected: 0, skipped: 0, refused: null, findings: 0 };
  try {
    for await (const events of readFeed(path, file, { businessDate: file.businessDate, reference })) {
      for (const event of events) {
        // An SM receipt line is one row per item (rowsOf), as the ingest counts it.
        const rows = rowsOf(event);
        tally.rowsIn += rows;
        if (event.type === "row") {
          tally.accepted += rows;
          tally.findings += event.findings.length;
        } else if (event.type === "reject") tally.rejected += rows;
        else tally.skipped += rows;
      }
    }
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    tally.refused = error.reason;
  }
  return tally;
}

/** Codes of a division's staged masters, as the loader would find them. */
async function referenceOf(dir: string, entries: ManifestEntry[]): Promise<Map<string, Reference>> {
  const refs = new Map<string, { stores: Set<string>; products: Set<string> }>();
  for (const entry of entries.filter((e) => e.kind === "stores" || e.kind === "products")) {
    const path = join(dir, entry.path);
    const file = identifyFeedFile(path)!;
    const ref = refs.get(entry.division) ?? { stores: new Set(), products: new Set() };
    refs.set(entry.division, ref);
    for await (const events of readFeed(path, file, { businessDate: null })) {
      for (const event of events) {
        if (event.type === "row") (file.kind === "store" ? ref.stores : ref.products).add(String(event.rows[0]![1]));
      }
    }
  }
  return refs;
}

describe.each([false, true])("feed readers over a generated tiny delivery (file faults: %s)", (fileFaults) => {
  const dir = join(mkdtempSync(join(tmpdir(), "dangol-feeds-")), "delivery");
  roots.push(dir);
  generate({ scale: "tiny", seed: 7, out: dir, fileFaults });
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as { files: ManifestEntry[] };
  const planted = JSON.parse(readFileSync(join(dir, PLANTED), "utf8")) as { files: PlantedFile[] };

  it("accounts for every row of every file exactly as planted.json expects", async () => {
    const refs = await referenceOf(dir, manifest.files);
    const seen = new Set<string>();
    const mismatches: string[] = [];
    let refusedFiles = 0;
    for (const truth of planted.files) {
      const path = join(dir, truth.path);
      const name = path.split("/").pop()!;
      const division = identifyFeedFile(path)!.division;
      const tally = await readOne(path, refs.get(division));
      // A file is keyed by its name: the second identical copy is a duplicate file, checked by the loader.
      const key = `${name}:${readFileSync(path).toString("base64").length}`;
      const duplicate = seen.has(key);
      seen.add(key);
      const e = truth.expected;
      const got = { ...tally };
      if (tally.rowsIn !== truth.rows && !tally.refused)
        mismatches.push(`${truth.path}: rows ${tally.rowsIn} ≠ ${truth.rows}`);
      if (tally.rowsIn !== tally.accepted + tally.rejected + tally.skipped)
        mismatches.push(`${truth.path}: unbalanced`);
      if (e.refused) {
        refusedFiles++;
        if (!tally.refused) mismatches.push(`${truth.path}: expected refused, got ${JSON.stringify(got)}`);
      } else if (tally.refused) {
        mismatches.push(`${truth.path}: refused (${tally.refused}) but expected ${JSON.stringify(e)}`);
      } else if (e.duplicateFile) {
        if (!duplicate) mismatches.push(`${truth.path}: expected a duplicate of an earlier file`);
      } else if (tally.rejected !== e.rejectedRows || tally.skipped !== e.duplicateRows) {
        mismatches.push(
          `${truth.path}: rejected ${tally.rejected}/${e.rejectedRows}, skipped ${tally.skipped}/${e.duplicateRows}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
    expect(refusedFiles).toBe(fileFaults ? 4 : 0);
  }, 60_000);
});
