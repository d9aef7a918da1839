import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

const STAGING_TABLES = ["member", "sale_line", "store", "product", "hq_category", "hq_category_map", "hq_region"];

export interface CopyBaseline {
  rows: number;
  seconds: number;
  tables: { table: string; rows: number; mib: number; seconds: number }[];
}

/**
 * The raw-COPY baseline: the rows the ETL staged, exported to files first (not timed), then
 * COPYed from those files into plain (logged, unindexed) tables of the same columns — the
 * cheapest way Postgres can take the same data, timed per table.
 */
export async function copyBaseline(url: string, workDir: string): Promise<CopyBaseline> {
  mkdirSync(workDir, { recursive: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables: CopyBaseline["tables"] = [];
    for (const table of STAGING_TABLES) {
      const file = path.join(workDir, `${table}.copy`);
      await pipeline(client.query(copyTo(`COPY staging.${table} TO STDOUT`)), createWriteStream(file));
      await client.query(`DROP TABLE IF EXISTS bench_copy_${table}`);
      await client.query(`CREATE TABLE bench_copy_${table} (LIKE staging.${table})`);
      const started = performance.now();
      const copy = client.query(copyFrom(`COPY bench_copy_${table} FROM STDIN`));
      await pipeline(createReadStream(file), copy);
      const seconds = (performance.now() - started) / 1000;
      tables.push({ table, rows: Number(copy.rowCount), mib: statSync(file).size / 2 ** 20, seconds });
      await client.query(`DROP TABLE bench_copy_${table}`);
      rmSync(file);
    }
    return {
      rows: tables.reduce((s, t) => s + t.rows, 0),
      seconds: tables.reduce((s, t) => s + t.seconds, 0),
      tables,
    };
  } finally {
    await client.end();
    rmSync(workDir, { recursive: true, force: true });
  }
}
