import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { findRepoRoot } from "@dangol/config";
import { mineRules, minimumCount } from "@dangol/domain/baskets";
import { runTs } from "@dangol/testkit/processes";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readBaskets } from "./rules.ts";

// Real POS baskets from the arules package (Hahsler, Hornik & Reutterer 2006); see shared/data/README.md.
const GROCERIES = join(findRepoRoot(import.meta.dirname), "../shared/data/groceries");
const BASKETS = join(GROCERIES, "groceries_basket.csv");
const WEKA_JAR = "/usr/share/java/weka.jar";

const ruleKey = (lhs: readonly string[], rhs: string) => `${[...lhs].sort().join(" + ")} => ${rhs}`;

describe("association rules on the Groceries baskets", () => {
  it("finds exactly the rules arules' apriori finds at support 0.01, confidence 0.5", async () => {
    const ours = mineRules(await readBaskets(BASKETS), { minSupport: 0.01, minConfidence: 0.5 });
    const reference = readArulesReference(join(GROCERIES, "reference_rules_s0.01_c0.5.csv"));
    expect(ours.map((r) => ruleKey(r.lhs, r.rhs)).sort()).toEqual([...reference.keys()].sort());
    for (const rule of ours) {
      const expected = reference.get(ruleKey(rule.lhs, rule.rhs))!;
      expect(rule.count).toBe(expected.count);
      expect(rule.support).toBeCloseTo(expected.support, 9);
      expect(rule.confidence).toBeCloseTo(expected.confidence, 9);
      expect(rule.lift).toBeCloseTo(expected.lift, 9);
    }
  });

  it("finds the single-consequent rules Weka's Apriori finds at support 0.02, confidence 0.3", async () => {
    expect(existsSync(WEKA_JAR), `${WEKA_JAR} is missing: apt-get install weka (scripts/lib.sh ensure_weka)`).toBe(
      true,
    );
    const baskets = await readBaskets(BASKETS);
    const weka = await runWekaApriori(baskets, { minSupport: 0.02, minConfidence: 0.3 });
    // Weka rounds support × baskets to the nearest count; this threshold lands where both agree.
    expect(weka.minCount).toBe(minimumCount(0.02, baskets.length));

    const ours = mineRules(baskets, { minSupport: 0.02, minConfidence: 0.3 }).filter((r) => r.lhs.length > 0);
    const wekaSingle = weka.rules.filter((r) => r.rhs.length === 1);
    expect(wekaSingle.length).toBeGreaterThan(20);
    expect(ours.map((r) => `${ruleKey(r.lhs, r.rhs)} ${r.count}/${Math.round(r.count / r.confidence)}`).sort()).toEqual(
      wekaSingle.map((r) => `${ruleKey(r.lhs, r.rhs[0]!)} ${r.count}/${r.lhsCount}`).sort(),
    );
  }, 60_000);
});

describe("dangol analyze rules", () => {
  const dangol = (...args: string[]) => runTs("apps/cli/src/main.ts", ["analyze", "rules", ...args], {});

  it("prints the rules as CSV ordered by lift, then confidence", async () => {
    const { code, stdout, stderr } = await dangol(
      "--baskets",
      BASKETS,
      "--min-support",
      "0.01",
      "--min-confidence",
      "0.5",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [header, ...rows] = parse(stdout) as string[][];
    expect(header).toEqual(["lhs", "rhs", "support", "confidence", "lift", "count"]);
    expect(rows).toHaveLength(15);
    expect(rows[0]).toEqual([
      "{citrus fruit,root vegetables}",
      "{other vegetables}",
      "0.010371123538383325",
      "0.5862068965517241",
      "3.0296084222733617",
      "102",
    ]);
    const lifts = rows.map((row) => Number(row[4]));
    expect(lifts).toEqual([...lifts].sort((a, b) => b - a));
    expect(stdout.split("\n")[1]).toMatch(/^"\{citrus fruit,root vegetables\}",\{other vegetables\},/);
  });

  it("names the line of an unterminated quote in one line and exits 1", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "dangol-rules-")), "baskets.csv");
    writeFileSync(file, 'milk,bread\n"eggs,butter\nmilk\n');
    const { code, stdout, stderr } = await dangol("--baskets", file, "--min-support", "0.1", "--min-confidence", "0.5");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`dangol: ${file} line 2: a quoted field is never closed\n`);
  });

  it("refuses a threshold out of range in one line naming the option", async () => {
    const { code, stderr } = await dangol("--baskets", BASKETS, "--min-support", "0", "--min-confidence", "0.5");
    expect(code).toBe(1);
    expect(stderr).toBe("dangol: --min-support: must be greater than 0\n");
  });
});

type Reference = { support: number; confidence: number; lift: number; count: number };

/** arules writes a rule as `{a,b} => {c}`; Groceries item names hold no commas or braces. */
function readArulesReference(file: string): Map<string, Reference> {
  const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
  return new Map(
    rows.map((row) => {
      const match = /^\{(.*)\} => \{(.*)\}$/.exec(row.rule!)!;
      const lhs = match[1] === "" ? [] : match[1]!.split(",");
      return [
        ruleKey(lhs, match[2]!),
        {
          support: Number(row.support),
          confidence: Number(row.confidence),
          lift: Number(row.lift),
          count: Number(row.count),
        },
      ];
    }),
  );
}

type WekaRule = { lhs: string[]; lhsCount: number; rhs: string[]; count: number };

/**
 * Weka reads baskets as ARFF with one nominal {t} attribute per item and `?` where the item is
 * absent (Apriori skips missing values; sparse ARFF cannot say "missing" by leaving a value out).
 * Items become attributes i0, i1, … so names with spaces stay unambiguous in Weka's output.
 * Support starts at the upper bound 1 and drops by delta once, to exactly our minimum.
 */
async function runWekaApriori(
  baskets: string[][],
  { minSupport, minConfidence }: { minSupport: number; minConfidence: number },
): Promise<{ minCount: number; rules: WekaRule[] }> {
  const items = [...new Set(baskets.flat())];
  const index = new Map(items.map((item, i) => [item, i]));
  const arff = [
    "@relation baskets",
    ...items.map((_, i) => `@attribute i${i} {t}`),
    "@data",
    ...baskets.map((basket) => {
      const row = items.map(() => "?");
      for (const item of basket) row[index.get(item)!] = "t";
      return row.join(",");
    }),
  ].join("\n");
  const file = join(mkdtempSync(join(tmpdir(), "dangol-weka-")), "baskets.arff");
  writeFileSync(file, arff);
  const { stdout } = await promisify(execFile)(
    "java",
    ["-cp", WEKA_JAR, "weka.associations.Apriori", "-t", file, "-N", "1000000", "-C", String(minConfidence)].concat([
      "-U",
      "1",
      "-D",
      String(1 - minSupport),
      "-M",
      String(minSupport),
    ]),
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const minCount = Number(/Minimum support: \S+ \((\d+) instances\)/.exec(stdout)![1]);
  const side = (text: string) => text.split(" ").map((attribute) => items[Number(attribute.slice(1, -2))]!);
  const rules = [...stdout.matchAll(/^\s*\d+\.\s+(.+?) (\d+) ==> (.+?) (\d+)\s+conf:/gm)].map((m) => ({
    lhs: side(m[1]!),
    lhsCount: Number(m[2]),
    rhs: side(m[3]!),
    count: Number(m[4]),
  }));
  return { minCount, rules };
}
