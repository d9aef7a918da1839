import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { runTs } from "@dangol/testkit/processes";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAULT_KINDS, FAULTS, generate, IDENTITIES, MANIFEST, type ManifestEntry, PLANTED } from "./index.ts";

const roots: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "dangol-gen-"));
  roots.push(dir);
  return dir;
};
const generateTiny = (fileFaults = false) => {
  const out = join(tempDir(), "delivery");
  generate({ scale: "tiny", seed: 20251231, out, fileFaults });
  return out;
};

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, join(dir, e.name)) : [relative(root, join(dir, e.name))]))
    .sort();
}

/** Quote-aware CSV split of one line (enough for the generator's output). */
function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

type Planted = {
  totals: Record<string, { planted: number; eligible: number; rate: number }>;
  files: {
    path: string;
    event: string | null;
    rows: number;
    planted: Record<string, number>;
    expected: Record<string, unknown>;
  }[];
  identity: { people: number; multiFormatPeople: number };
};
type Manifest = { files: (ManifestEntry & { seq: number })[] };

let root: string;
let planted: Planted;
let manifest: Manifest;
const fileTally = (path: string) => planted.files.find((f) => f.path === path)?.planted ?? {};

beforeAll(() => {
  root = generateTiny();
  planted = JSON.parse(readFileSync(join(root, PLANTED), "utf8"));
  manifest = JSON.parse(readFileSync(join(root, MANIFEST), "utf8"));
});
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe("generate --scale tiny", () => {
  it("writes byte-identical files for the same seed", () => {
    const again = generateTiny();
    const hashes = (dir: string) =>
      listFiles(dir).map(
        (f) =>
          `${f} ${createHash("sha256")
            .update(readFileSync(join(dir, f)))
            .digest("hex")}`,
      );
    const first = hashes(root);
    expect(first.length).toBeGreaterThan(700);
    expect(hashes(again)).toEqual(first);
  });

  it("writes DPT files in CP949 with Korean names matching the truth and a trailer counting every row", () => {
    const truth = new Map<string, string>();
    const lines = gunzipSync(readFileSync(join(root, IDENTITIES)))
      .toString("utf8")
      .trim()
      .split("\n");
    const columns = lines[0]!.split(",");
    for (const line of lines.slice(1)) {
      const row = splitCsv(line);
      if (row[columns.indexOf("division")] === "DPT")
        truth.set(row[columns.indexOf("member_no")]!, row[columns.indexOf("recorded_name")]!);
    }
    let checked = 0;
    let wrongNames = 0;
    let wrongEncodingPlanted = 0;
    for (const entry of manifest.files.filter((f) => f.division === "DPT")) {
      const text = iconv.decode(readFileSync(join(root, entry.path)), "cp949");
      const rows = text.split("\r\n");
      expect(rows.pop()).toBe("");
      const trailer = rows.pop()!;
      expect(trailer).toBe(`EOF,${rows.length - 1}`);
      expect(rows.length - 1).toBe(entry.rows);
      if (entry.kind !== "members") continue;
      expect(rows[0]).toMatch(/^회원번호,카드번호,성명,/);
      wrongEncodingPlanted += fileTally(entry.path).wrong_encoding_row ?? 0;
      for (const row of rows.slice(1).map(splitCsv)) {
        if (row.length !== 20 || row[18] === "D") continue;
        checked++;
        if (truth.get(row[0]!) !== row[2]) wrongNames++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(wrongEncodingPlanted).toBeGreaterThan(0);
    // Only the rows planted as UTF-8 inside the CP949 file decode to a different name.
    expect(wrongNames).toBe(wrongEncodingPlanted);
  });

  it("writes MART control files whose row count and md5 match their data file", () => {
    const mart = manifest.files.filter((f) => f.division === "MART");
    expect(mart.length).toBeGreaterThan(200);
    for (const entry of mart) {
      const data = readFileSync(join(root, entry.path));
      const lines = data.toString("utf8").split("\n");
      expect(lines.pop()).toBe("");
      const ctl = readFileSync(join(root, entry.control!), "utf8");
      expect(ctl).toBe(`row_count=${lines.length - 1}|md5=${createHash("md5").update(data).digest("hex")}\n`);
    }
  });

  it("writes SM JSON Lines that parse, except the planted bad lines", () => {
    const receipts = { lines: 0, rows: 0 };
    for (const entry of manifest.files.filter((f) => f.division === "SM" && f.event !== "duplicate_file")) {
      const text = readFileSync(join(root, entry.path), "utf8");
      const lines = text === "" ? [] : text.trimEnd().split("\n");
      // A receipt line holds one row per item; members and unreadable lines are one row each.
      let rows = 0;
      const bad = lines.filter((line) => {
        try {
          const items = (JSON.parse(line) as { items?: unknown[] }).items;
          rows += items?.length || 1;
          return false;
        } catch {
          rows += 1;
          return true;
        }
      });
      expect(rows, entry.path).toBe(entry.rows);
      if (entry.kind === "sales") {
        receipts.lines += lines.length;
        receipts.rows += rows;
      }
      expect(bad.length, entry.path).toBe(fileTally(entry.path).bad_json_line ?? 0);
    }
    // Baskets hold several items: the receipts files count more rows than lines.
    expect(receipts.rows).toBeGreaterThan(receipts.lines * 1.5);
  });

  it("plants every problem kind at its documented rate", () => {
    for (const kind of FAULT_KINDS) {
      const { planted: n, eligible } = planted.totals[kind]!;
      const expected = eligible * FAULTS[kind].rate;
      // At least one of each (the forcing rule), and within five standard deviations plus that one.
      expect(n, kind).toBeGreaterThanOrEqual(1);
      expect(n, kind).toBeLessThanOrEqual(expected + 5 * Math.sqrt(expected) + 1);
      if (expected >= 25) expect(n, kind).toBeGreaterThanOrEqual(expected - 5 * Math.sqrt(expected));
    }
    expect(planted.identity.multiFormatPeople / planted.identity.people).toBeCloseTo(0.38, 1);
  });

  it("lists files in arrival order with late files after the next day's and duplicates as identical copies", () => {
    const files = manifest.files;
    expect(files.map((f) => f.arrivedAt)).toEqual(files.map((f) => f.arrivedAt).sort());
    const late = files.filter((f) => f.event === "late_file");
    expect(late.length).toBeGreaterThan(0);
    for (const entry of late) {
      const next = files.find(
        (f) =>
          f.division === entry.division &&
          f.kind === entry.kind &&
          f.businessDay! > entry.businessDay! &&
          f.event === null,
      );
      if (next) expect(next.seq).toBeLessThan(entry.seq);
    }
    for (const copy of files.filter((f) => f.event === "duplicate_file")) {
      const original = files.find((f) => f.path === copy.path.replace(/^redelivered\//, ""))!;
      expect(copy.md5).toBe(original.md5);
      expect(original.seq).toBeLessThan(copy.seq);
    }
  });
});

describe("dangol generate --file-faults", () => {
  it("runs end to end and delivers damaged files that must be refused, each followed by its correction", async () => {
    const out = join(tempDir(), "faulty");
    const { code, stdout, stderr } = await runTs(
      "apps/cli/src/main.ts",
      ["generate", "--scale", "tiny", "--seed", "5", "--out", out, "--file-faults"],
      {},
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/files: +\d/);
    const faulty: Manifest = JSON.parse(readFileSync(join(out, MANIFEST), "utf8"));
    const damaged = faulty.files.filter((f) => f.event === "damaged");
    expect(damaged.map((f) => f.division).sort()).toEqual(["DPT", "DPT", "MART", "MART", "SM"]);
    for (const entry of damaged) {
      const correction = faulty.files.find((f) => f.path === `redelivered/${entry.path}`)!;
      expect(correction.event).toBe("correction");
      expect(correction.seq).toBeGreaterThan(entry.seq);
      if (entry.division === "DPT") {
        const rows = iconv.decode(readFileSync(join(out, entry.path)), "cp949").split("\r\n");
        const trailer = rows.findLast((r) => r.startsWith("EOF,"));
        // Either no trailer at all (truncated) or one that disagrees with the rows.
        expect(trailer === undefined || trailer !== `EOF,${rows.length - 3}`).toBe(true);
      }
      if (entry.division === "MART") {
        const data = readFileSync(join(out, entry.path));
        const ctl = readFileSync(join(out, entry.control!), "utf8");
        expect(ctl).not.toBe(
          `row_count=${data.toString("utf8").split("\n").length - 2}|md5=${createHash("md5").update(data).digest("hex")}\n`,
        );
      }
    }
  }, 60_000);

  it("refuses a non-empty output folder with one line", async () => {
    const { code, stderr } = await runTs("apps/cli/src/main.ts", ["generate", "--scale", "tiny", "--out", root], {});
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^dangol: .* is not empty/);
  });
});
