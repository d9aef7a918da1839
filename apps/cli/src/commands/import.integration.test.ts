import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "@dangol/config";
import { runTs } from "@dangol/testkit/processes";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Real data nobody on the project wrote (see shared/data/README.md): UCI Online Retail (Chen, Sain
// & Guo 2012, CC BY 4.0) and the arules Groceries baskets (Hahsler, Hornik & Reutterer 2006, GPL-3).
const DATA = join(findRepoRoot(), "../shared/data");
const dangol = (...args: string[]) =>
  runTs("apps/cli/src/main.ts", ["import", ...args], {
    PATH: process.env.PATH,
    DATABASE_URL: process.env.DATABASE_URL,
  });

let dir: string;
let db: pg.Client;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dangol-import-"));
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await rm(dir, { recursive: true, force: true });
});

async function one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> {
  return (await db.query(sql, params)).rows[0] as T;
}

/** Row counts of what an import writes, for one source. */
async function footprint(source: string) {
  return one<Record<string, string>>(
    `SELECT (SELECT count(*) FROM receipt WHERE source_code = $1) AS receipts,
            (SELECT count(*) FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id WHERE r.source_code = $1) AS lines,
            (SELECT count(*) FROM customer_source_link WHERE source_code = $1) AS links,
            (SELECT count(*) FROM customer) AS customers,
            (SELECT count(*) FROM product WHERE source_code = $1) AS products,
            (SELECT count(*) FROM store WHERE source_code = $1) AS stores,
            (SELECT count(*) FROM category) AS categories,
            (SELECT coalesce(sum(net_amount), 0) FROM receipt WHERE source_code = $1) AS net`,
    [source],
  );
}

describe("dangol import online-retail", () => {
  it("loads all 541,909 lines of UCI Online Retail faithfully, and a second import changes nothing", async () => {
    const started = Date.now();
    const first = await dangol("online-retail", join(DATA, "online-retail/onlineretail.csv.gz"));
    const seconds = (Date.now() - started) / 1000;
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/rows read +541,909/);
    console.log(`online-retail import: ${seconds.toFixed(1)} s\n${first.stdout}`);

    const counts = await one<Record<string, string>>(
      `SELECT count(*) AS receipts,
              count(*) FILTER (WHERE type = 'RETURN') AS returns,
              count(DISTINCT customer_id) AS customers,
              (SELECT count(*) FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id
                WHERE r.source_code = 'ONLINE_RETAIL') AS lines,
              (SELECT count(*) FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id
                WHERE r.source_code = 'ONLINE_RETAIL' AND r.customer_id IS NULL) AS anonymous_lines,
              (SELECT count(*) FROM customer_source_link WHERE source_code = 'ONLINE_RETAIL') AS links,
              (SELECT currency FROM source_system WHERE code = 'ONLINE_RETAIL') AS currency
       FROM receipt WHERE source_code = 'ONLINE_RETAIL'`,
    );
    expect(counts).toMatchObject({
      receipts: "25900",
      customers: "4372",
      links: "4372",
      lines: "541909",
      anonymous_lines: "135080",
      currency: "GBP",
    });
    // Every line kept its product, and receipts add up to their lines.
    const orphans = await one<{ unlinked: string; mismatched: string }>(
      `SELECT (SELECT count(*) FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id
                WHERE r.source_code = 'ONLINE_RETAIL' AND l.product_id IS NULL) AS unlinked,
              (SELECT count(*) FROM receipt r WHERE r.source_code = 'ONLINE_RETAIL' AND r.net_amount <>
                (SELECT sum(amount) FROM receipt_line WHERE receipt_id = r.id)) AS mismatched`,
    );
    expect(orphans).toEqual({ unlinked: "0", mismatched: "0" });

    // RFM by SQL over the warehouse, under the reference's definition (README): ref 2011-12-10,
    // customers with a non-cancelled invoice, monetary = net of all their lines (in pence here).
    const rfm = await one<{ customers: string; check: string; c555: string; c111: string }>(
      `WITH m AS (
         SELECT l.member_no AS customer_id,
                DATE '2011-12-10' - max(r.business_date) FILTER (WHERE r.type = 'SALE') AS recency_days,
                count(*) FILTER (WHERE r.type = 'SALE') AS frequency,
                sum(r.net_amount) AS monetary
         FROM receipt r JOIN customer_source_link l ON l.customer_id = r.customer_id AND l.source_code = r.source_code
         WHERE r.source_code = 'ONLINE_RETAIL'
         GROUP BY l.member_no
         HAVING count(*) FILTER (WHERE r.type = 'SALE') > 0),
       s AS (
         SELECT NTILE(5) OVER (ORDER BY recency_days DESC, customer_id) AS r,
                NTILE(5) OVER (ORDER BY frequency, customer_id) AS f,
                NTILE(5) OVER (ORDER BY monetary, customer_id) AS m
         FROM m)
       SELECT count(*) AS customers, sum(r * 1000000 + f * 1000 + m) AS check,
              count(*) FILTER (WHERE r = 5 AND f = 5 AND m = 5) AS c555,
              count(*) FILTER (WHERE r = 1 AND f = 1 AND m = 1) AS c111
       FROM s`,
    );
    expect(rfm).toEqual({ customers: "4339", check: "13028028015", c555: "347", c111: "190" });

    const before = await footprint("ONLINE_RETAIL");
    const second = await dangol("online-retail", join(DATA, "online-retail/onlineretail.csv.gz"));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 new receipts");
    expect(await footprint("ONLINE_RETAIL")).toEqual(before);
  }, 180_000);

  it("reads the Online Retail II header and month-first dates, books times in Europe/London", async () => {
    const file = join(dir, "retail-ii.csv");
    await writeFile(
      file,
      [
        "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country",
        "489434,85048,15CM CHRISTMAS GLASS BALL,12,7/1/2010 7:45,6.95,13085.0,United Kingdom",
        "489434,79323P,PINK CHERRY LIGHTS,12,7/1/2010 7:45,0.001,13085.0,United Kingdom",
        "C489449,22087,PAPER BUNTING,-12,12/1/2009 10:33,2.95,,France",
      ].join("\n"),
    );
    const { code, stderr } = await dangol("online-retail", file, "--source", "RETAIL_II");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const { rows } = await db.query(
      `SELECT r.source_receipt_key AS key, r.type, r.sold_at::text, r.business_date::text, r.net_amount,
              r.source_member_no, l.quantity, l.unit_price, l.amount
       FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id
       WHERE r.source_code = 'RETAIL_II' ORDER BY r.source_receipt_key, l.line_no`,
    );
    const at = (text: string) => new Date(text).toISOString();
    expect(rows.map((row) => ({ ...row, sold_at: at(row.sold_at) }))).toEqual([
      // 07:45 BST is 06:45 UTC; 6.95 GBP = 695 pence; a 0.001 GBP unit price rounds to 0 pence, but 12 × 0.001 = 1.2 pence keeps its 1.
      row("489434", "SALE", "2010-07-01T06:45:00.000Z", "2010-07-01", 8341, "13085", 12, 695, 8340),
      row("489434", "SALE", "2010-07-01T06:45:00.000Z", "2010-07-01", 8341, "13085", 12, 0, 1),
      row("C489449", "RETURN", "2009-12-01T10:33:00.000Z", "2009-12-01", -3540, null, -12, 295, -3540),
    ]);
  }, 30_000);

  it.each([
    [
      "a bad date",
      '"1","A",1,"2010-13-45 08:26:00",2.5,1,"UK"',
      'line 3: invoice date "2010-13-45 08:26:00" is not a date',
    ],
    [
      "a non-numeric quantity",
      '"1","A",x,"2010-12-01 08:26:00",2.5,1,"UK"',
      'line 3: quantity "x" is not a whole number',
    ],
  ])(
    "exits 1 naming the line of %s, and loads nothing",
    async (_name, bad, message) => {
      const file = join(dir, "bad.csv");
      const header =
        '"InvoiceNo","StockCode","Quantity","InvoiceDate","UnitPrice","CustomerID","Country","Description"';
      await writeFile(file, [header, '"9","A",1,"2010-12-01 08:26:00",2.5,1,"UK","X"', `${bad},"X"`].join("\n"));
      const { code, stdout, stderr } = await dangol("online-retail", file, "--source", "BAD_FILE");
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(new RegExp(`^dangol: ${escapeRegExp(file)} ${escapeRegExp(message)}.*\\n$`));
      expect(await one("SELECT count(*)::int AS n FROM receipt WHERE source_code = 'BAD_FILE'")).toEqual({ n: 0 });
    },
    30_000,
  );

  it("exits 1 on a file without the online-retail header", async () => {
    const file = join(dir, "no-header.csv");
    await writeFile(file, '"536365","85123A","HOLDER",6,"2010-12-01 08:26:00",2.55,17850,"United Kingdom"\n');
    const { code, stderr } = await dangol("online-retail", file, "--source", "BAD_FILE");
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^dangol: ${escapeRegExp(file)} line 1: not an online-retail header`));
  }, 30_000);
});

describe("dangol import baskets", () => {
  it("loads the 9,835 Groceries baskets with their categories, and a second import changes nothing", async () => {
    const basket = join(DATA, "groceries/groceries_basket.csv");
    const args = ["baskets", basket, "--source", "GROCERIES"];
    const hierarchy = ["--hierarchy", join(DATA, "groceries/groceries_item_hierarchy.csv")];
    const first = await dangol(...args, ...hierarchy);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    console.log(first.stdout);
    const counts = await one<Record<string, string>>(
      `SELECT count(DISTINCT r.id) AS receipts, count(*) AS lines, count(DISTINCT l.product_id) AS products,
              count(*) FILTER (WHERE l.category_code IS NULL) AS unclassified,
              count(*) FILTER (WHERE r.customer_id IS NOT NULL) AS with_customer
       FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id WHERE r.source_code = 'GROCERIES'`,
    );
    expect(counts).toEqual({
      receipts: "9835",
      lines: "43367",
      products: "169",
      unclassified: "0",
      with_customer: "0",
    });
    const tree = await one<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE c.level = 1) AS level1, count(*) FILTER (WHERE c.level = 2) AS level2
       FROM category c WHERE c.code IN (SELECT category_code FROM category_map WHERE source_code = 'GROCERIES')
          OR c.code IN (SELECT parent_code FROM category WHERE code IN
                          (SELECT category_code FROM category_map WHERE source_code = 'GROCERIES'))`,
    );
    expect(Number(tree.level1)).toBeGreaterThan(0);
    expect(Number(tree.level2)).toBeGreaterThan(Number(tree.level1));

    const before = await footprint("GROCERIES");
    const second = await dangol(...args, ...hierarchy);
    expect(second.code).toBe(0);
    expect(await footprint("GROCERIES")).toEqual(before);
  }, 60_000);

  it("exits 1 on a hierarchy file without its header", async () => {
    const file = join(dir, "hierarchy.csv");
    await writeFile(file, '"frankfurter","sausage","meat and sausage"\n');
    const basket = join(dir, "baskets.csv");
    await writeFile(basket, '"frankfurter","sausage"\n');
    const { code, stderr } = await dangol("baskets", basket, "--source", "BAD_BASKETS", "--hierarchy", file);
    expect(code).toBe(1);
    expect(stderr).toBe(`dangol: ${file} line 1: not an item hierarchy header (want labels, level2, level1)\n`);
    expect(await one("SELECT count(*)::int AS n FROM receipt WHERE source_code = 'BAD_BASKETS'")).toEqual({ n: 0 });
  }, 30_000);
});

function row(
  key: string,
  type: string,
  sold_at: string,
  business_date: string,
  net_amount: number,
  source_member_no: string | null,
  quantity: number,
  unit_price: number,
  amount: number,
) {
  return { key, type, sold_at, business_date, net_amount, source_member_no, quantity, unit_price, amount };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
