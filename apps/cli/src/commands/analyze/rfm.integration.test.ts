import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { findRepoRoot } from "@dangol/config";
import { runTs } from "@dangol/testkit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// UCI Online Retail (Chen, Sain & Guo 2012, CC BY 4.0) and RFM scores computed independently with
// pandas: see shared/data/README.md.
const DATA = join(findRepoRoot(), "../shared/data/online-retail");
const dangol = (...args: string[]) => runTs("apps/cli/src/main.ts", args, {});

type Row = Record<string, string>;

function parseCsv(text: string): Row[] {
  const [header, ...lines] = text.trimEnd().split("\n");
  const names = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [names[i], value])));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dangol-rfm-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("dangol analyze rfm", () => {
  it("reproduces the pandas reference for all 4,339 customers of Online Retail", async () => {
    const { code, stdout, stderr } = await dangol(
      "analyze",
      "rfm",
      "--transactions",
      join(DATA, "onlineretail.csv.gz"),
      "--layout",
      "online-retail",
      "--ref-date",
      "2011-12-10",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const ours = parseCsv(stdout);
    const reference = parseCsv(await readFile(join(DATA, "reference_rfm_ref2011-12-10.csv"), "utf8"));
    expect(ours).toHaveLength(4339);
    // Monetary is compared as a number: pandas' float sums print one customer's exact 0 as "-0.0".
    const comparable = (rows: Row[]) => rows.map((row) => ({ ...row, monetary: Number(row.monetary) + 0 }));
    expect(comparable(ours)).toEqual(comparable(reference));

    const checkFigure = ours.reduce((sum, row) => sum + Number(row.R) * 1e6 + Number(row.F) * 1e3 + Number(row.M), 0);
    expect(checkFigure).toBe(13_028_028_015);
    const cell = (label: string) => ours.filter((row) => `${row.R}${row.F}${row.M}` === label).length;
    expect([cell("555"), cell("111")]).toEqual([347, 190]);
  }, 60_000);

  it("reads the Online Retail II header, month-first dates and float customer ids, gzipped", async () => {
    const file = join(dir, "retail-ii.data");
    const lines = [
      "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country",
      "489434,85048,LIGHT,12,12/1/2009 7:45,6.95,13085.0,United Kingdom",
      "489435,22350,CAT,2,12/2/2009 9:00,0.005,13085.0,United Kingdom",
      "C489436,85048,LIGHT,-1,12/3/2009 9:00,6.95,13085.0,United Kingdom",
      "489437,22350,CAT,1,12/4/2009 9:00,1.00,,United Kingdom",
      "489438,22350,CAT,3,12/5/2009 9:00,2.50,12001.0,France",
    ];
    await writeFile(file, gzipSync(`${lines.join("\n")}\n`));
    const { code, stdout } = await dangol(
      "analyze",
      "rfm",
      "--transactions",
      file,
      "--layout",
      "online-retail",
      "--ref-date",
      "2009-12-10",
    );
    expect(code).toBe(0);
    // 13085: 12 × 6.95 + 2 × 0.005 − 6.95 = 76.46; the cancellation is not a purchase.
    expect(stdout).toBe(
      "customer_id,recency_days,frequency,monetary,R,F,M\n12001,5,1,7.5,2,1,1\n13085,8,2,76.46,1,2,2\n",
    );
  }, 30_000);

  it("names the line of an unreadable date and exits 1", async () => {
    const file = join(dir, "bad-date.csv");
    await writeFile(
      file,
      [
        '"InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"',
        '"536365","85123A","HOLDER",6,"2010-12-01 08:26:00",2.55,17850,"United Kingdom"',
        '"536366","71053","LANTERN",6,"2010-13-45 08:26:00",3.39,17850,"United Kingdom"',
      ].join("\n"),
    );
    const { code, stdout, stderr } = await dangol(
      "analyze",
      "rfm",
      "--transactions",
      file,
      "--layout",
      "online-retail",
      "--ref-date",
      "2011-12-10",
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `dangol: ${file} line 3: invoice date "2010-13-45 08:26:00" is not a date (YYYY-MM-DD HH:MM:SS or M/D/YYYY H:MM)\n`,
    );
  }, 30_000);

  it("rejects a reference date that is not YYYY-MM-DD", async () => {
    const { code, stderr } = await dangol(
      "analyze",
      "rfm",
      "--transactions",
      join(DATA, "onlineretail.csv.gz"),
      "--layout",
      "online-retail",
      "--ref-date",
      "10/12/2011",
    );
    expect(code).toBe(1);
    expect(stderr).toBe('dangol: --ref-date: "10/12/2011" is not a date as YYYY-MM-DD\n');
  }, 30_000);
});
