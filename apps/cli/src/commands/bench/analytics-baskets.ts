/**
 * Basket files and the rule miners `dangol bench analytics` times on them: ours (the code of
 * `dangol analyze rules`), the npm package node-fpgrowth, and Weka's Apriori (Debian `weka`).
 */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { finished } from "node:stream/promises";
import { type BasketComposition, expandCompositions } from "@dangol/analytics";
import { csvField, mineCompositionRules, mineRules, type RuleThresholds } from "@dangol/domain/baskets";
import { FPGrowth } from "node-fpgrowth";
import { readBaskets } from "../analyze/rules.ts";

export const WEKA_JAR = "/usr/share/java/weka.jar";

/** One basket per line, items comma-separated and CSV-quoted: what `dangol analyze rules` reads. */
export function basketLine(items: readonly string[]): string {
  return items.map(csvField).join(",");
}

/**
 * Writes the baskets one per line; with `every` > 1 only every `every`-th basket (a systematic
 * sample: compositions arrive grouped, so each keeps its share). Returns the baskets written.
 */
export async function writeBasketFile(
  file: string,
  compositions: readonly BasketComposition[],
  every = 1,
): Promise<number> {
  const out = createWriteStream(file);
  let index = 0;
  let written = 0;
  for (const basket of expandCompositions(compositions)) {
    if (index++ % every !== 0) continue;
    written++;
    if (!out.write(`${basketLine(basket)}\n`)) await once(out, "drain");
  }
  out.end();
  await finished(out);
  return written;
}

export type MinerRun = { seconds: number; found: number | null; timedOut?: boolean; error?: string };

/**
 * The fastest of `repeat` runs of `mine` (the first one also pays for JIT warm-up; these
 * machines are shared, so the minimum is the least disturbed figure).
 */
async function fastest(repeat: number, mine: () => Promise<number> | number): Promise<MinerRun> {
  let best = Number.POSITIVE_INFINITY;
  let found = 0;
  for (let k = 0; k < repeat; k++) {
    const started = performance.now();
    found = await mine();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return { seconds: best, found };
}

/** Ours, exactly as `dangol analyze rules` mines after reading the file (mineRules), formatting nothing. */
export function runOurs(baskets: readonly string[][], thresholds: RuleThresholds, repeat = 3): Promise<MinerRun> {
  return fastest(repeat, () => mineRules(baskets, thresholds).length);
}

/** Ours as the refresh mines: the distinct basket contents with their counts (mineCompositionRules). */
export function runOursOnCompositions(
  compositions: readonly BasketComposition[],
  thresholds: RuleThresholds,
  repeat = 3,
): Promise<MinerRun> {
  return fastest(repeat, () => mineCompositionRules(compositions, thresholds).length);
}

/** node-fpgrowth on the same baskets; it mines frequent itemsets only (no rules). */
export function runNodeFpGrowth(baskets: string[][], minSupport: number, repeat = 3): Promise<MinerRun> {
  return fastest(repeat, async () => (await new FPGrowth<string>(minSupport).exec(baskets)).length);
}

/** `dangol analyze rules`' reader (CSV-quoted baskets, one per line). */
export async function readBasketFile(file: string): Promise<{ seconds: number; baskets: string[][] }> {
  const started = performance.now();
  const baskets = await readBaskets(file);
  return { seconds: (performance.now() - started) / 1000, baskets };
}

/**
 * Weka reads baskets as ARFF with one nominal {t} attribute per item and `?` where the item is
 * absent (Apriori skips missing values); items become attributes i0, i1, … so any name is safe.
 * As in the Weka test, support starts at 1 and drops by delta once, to exactly minSupport.
 */
export async function writeArff(file: string, baskets: readonly string[][]): Promise<void> {
  const items = [...new Set(baskets.flat())];
  const index = new Map(items.map((item, i) => [item, i]));
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(`@relation baskets\n${items.map((_, i) => `@attribute i${i} {t}`).join("\n")}\n@data\n`);
  for (const basket of baskets) {
    const row = items.map(() => "?");
    for (const item of basket) row[index.get(item)!] = "t";
    await write(`${row.join(",")}\n`);
  }
  out.end();
  await finished(out);
}

/** The whole `java … weka.associations.Apriori` process (JVM start and ARFF parse included). */
export async function runWeka(
  arffFile: string,
  { minSupport, minConfidence }: { minSupport: number; minConfidence: number },
  timeoutSeconds: number,
): Promise<MinerRun> {
  if (!existsSync(WEKA_JAR)) return { seconds: 0, found: null, error: `${WEKA_JAR} missing (apt-get install weka)` };
  const args = ["-cp", WEKA_JAR, "weka.associations.Apriori", "-t", arffFile, "-N", "1000000"];
  args.push("-C", String(minConfidence), "-U", "1", "-D", String(1 - minSupport), "-M", String(minSupport));
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      "java",
      args,
      { timeout: timeoutSeconds * 1000, killSignal: "SIGKILL", maxBuffer: 256 * 1024 * 1024 },
      (error, stdout) => {
        const seconds = (performance.now() - started) / 1000;
        if (error && (error.killed || error.signal)) resolve({ seconds, found: null, timedOut: true });
        else if (error) resolve({ seconds, found: null, error: error.message.split("\n")[0] });
        else resolve({ seconds, found: [...stdout.matchAll(/^\s*\d+\.\s+.+ ==> .+conf:/gm)].length });
      },
    );
  });
}
