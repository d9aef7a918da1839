import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

/** What the ETL staged: the baseline the issue compares against. */
export const STAGING_TABLES = [
  "member",
  "sale_line",
  "store",
  "product",
  "hq_category",
  "hq_category_map",
  "hq_region",
].map((table) => `staging.${table}`);

export interface CopyBaseline {
  rows: number;
  seconds: number;
  tables: { table: string; rows: number; mib: number; seconds: number }[];
}

/**
 * Raw COPY of what the tables hold: their rows exported to files first (not timed), then COPYed
 * from those files into plain (logged, unindexed) tables of the same columns — the cheapest way
 * Postgres can take the same data, timed per table. Of the staging tables it is the issue's
 * baseline; of the warehouse tables, the least any load writing those rows can cost.
 */
export async function copyBaseline(url: string, workDir: string, tables: readonly string[]): Promise<CopyBaseline> {
  mkdirSync(workDir, { recursive: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const copied: CopyBaseline["tables"] = [];
    for (const table of tables) {
      const plain = `bench_copy_${table.replace(".", "_")}`;
      const file = path.join(workDir, `${plain}.copy`);
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(file));
      await client.query(`DROP TABLE IF EXISTS ${plain}`);
      await client.query(`CREATE TABLE ${plain} (LIKE ${table})`);
      const started = performance.now();
      const copy = client.query(copyFrom(`COPY ${plain} FROM STDIN`));
      await pipeline(createReadStream(file), copy);
      const seconds = (performance.now() - started) / 1000;
      copied.push({ table, rows: Number(copy.rowCount), mib: statSync(file).size / 2 ** 20, seconds });
      await client.query(`DROP TABLE ${plain}`);
      rmSync(file);
    }
    return {
      rows: copied.reduce((s, t) => s + t.rows, 0),
      seconds: copied.reduce((s, t) => s + t.seconds, 0),
      tables: copied,
    };
  } finally {
    await client.end();
    rmSync(workDir, { recursive: true, force: true });
  }
}
