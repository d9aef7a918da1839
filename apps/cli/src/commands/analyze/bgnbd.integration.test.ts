import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "@dangol/config";
import { expectedPurchases, probabilityAlive } from "@dangol/domain/clv";
import { runTs } from "@dangol/testkit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CDNOW 1/10 sample (Fader & Hardie; redistributed with lifetimes, MIT). Reference estimates:
// Fader, Hardie & Lee (2005), reproduced by BTYD and lifetimes; Gamma-Gamma from lifetimes, fitted
// to the 946 customers with repeat purchases in calibration and the mean of their repeat purchase
// days' spend. See shared/data/README.md.
const CDNOW = join(findRepoRoot(), "../shared/data/cdnow/CDNOW_sample.txt");
const dangol = (...args: string[]) => runTs("apps/cli/src/main.ts", args, {});

/** CDNOW_sample.txt columns: customer id, id within the sample, YYYYMMDD, CDs, dollar value. */
function toEventLog(text: string): string {
  const rows = text
    .trim()
    .split("\n")
    .map((line) => {
      const fields = line.trim().split(/\s+/);
      const date = fields[2]!;
      return `${fields[0]},${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)},${fields.at(-1)}`;
    });
  return `customer_id,date,amount\n${rows.join("\n")}\n`;
}

let dir: string;
let elog: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dangol-bgnbd-"));
  elog = join(dir, "cdnow.csv");
  await writeFile(elog, toEventLog(await readFile(CDNOW, "utf8")));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const within1Percent = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(0.01);

describe("dangol analyze bgnbd", () => {
  it("reproduces Fader, Hardie & Lee's CDNOW estimates, and lifetimes' Gamma-Gamma with --spend", async () => {
    const { code, stdout, stderr } = await dangol(
      "analyze",
      "bgnbd",
      "--elog",
      elog,
      "--calibration-end",
      "1997-09-30",
      "--spend",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const fit = JSON.parse(stdout);
    expect(Object.keys(fit)).toEqual(["r", "alpha", "a", "b", "logLik", "customers", "gammaGamma"]);
    within1Percent(fit.r, 0.2426);
    within1Percent(fit.alpha, 4.4137);
    within1Percent(fit.a, 0.793);
    within1Percent(fit.b, 2.4262);
    expect(fit.logLik).toBeCloseTo(-9582.43, 2);
    expect(fit.customers).toBe(2357);

    const customer = { x: 2, tx: 30.43, T: 38.86 };
    expect(Math.abs(expectedPurchases(fit, customer, 52) - 1.5586)).toBeLessThan(1e-3);
    expect(Math.abs(probabilityAlive(fit, customer) - 0.7266)).toBeLessThan(1e-3);

    within1Percent(fit.gammaGamma.p, 6.2496);
    within1Percent(fit.gammaGamma.q, 3.7442);
    within1Percent(fit.gammaGamma.v, 15.4435);
    expect(fit.gammaGamma.customers).toBe(946);
  }, 60_000);

  it("fits in days to the same shape parameters, α scaled by 7, without the spend keys", async () => {
    const { code, stdout } = await dangol(
      "analyze",
      "bgnbd",
      "--elog",
      elog,
      "--calibration-end",
      "1997-09-30",
      "--unit",
      "day",
    );
    expect(code).toBe(0);
    const fit = JSON.parse(stdout);
    expect(Object.keys(fit)).toEqual(["r", "alpha", "a", "b", "logLik", "customers"]);
    within1Percent(fit.r, 0.2426);
    within1Percent(fit.alpha, 4.4137 * 7);
    within1Percent(fit.b, 2.4262);
  }, 60_000);

  it("names the line of an unreadable date and exits 1", async () => {
    const file = join(dir, "bad-date.csv");
    await writeFile(file, "customer_id,date,amount\n1,1997-01-01,10.5\n1,1997-02-30,3\n");
    const { code, stdout, stderr } = await dangol(
      "analyze",
      "bgnbd",
      "--elog",
      file,
      "--calibration-end",
      "1997-09-30",
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`dangol: ${file} line 3: date "1997-02-30" is not a date as YYYY-MM-DD\n`);
  }, 30_000);

  it("refuses an unknown time unit", async () => {
    const { code, stderr } = await dangol(
      "analyze",
      "bgnbd",
      "--elog",
      elog,
      "--calibration-end",
      "1997-09-30",
      "--unit",
      "month",
    );
    expect(code).toBe(1);
    expect(stderr).toBe('dangol: --unit: must be "week" or "day"\n');
  }, 30_000);
});
