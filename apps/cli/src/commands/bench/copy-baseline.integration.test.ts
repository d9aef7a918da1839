import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "@dangol/db/testing";
import { WAREHOUSE_TABLES } from "@dangol/etl/load";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { copyBaseline, STAGING_TABLES } from "./copy-baseline.ts";

const database = await createTestDatabase("dangol_copy_baseline");
afterAll(() => database.drop());

describe("bench etl's raw-COPY measurements", () => {
  it("copies every row of the staging and the warehouse tables and leaves no table behind", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`INSERT INTO staging.hq_region (batch_id, line_no, sido, sigungu)
                          SELECT 1, n, '서울특별시', '구' || n FROM generate_series(1, 40) AS n`);
      await client.query(
        `INSERT INTO customer (status, updated_at) SELECT 'ACTIVE', now() FROM generate_series(1, 25)`,
      );
      await client.query(`INSERT INTO consent_event (customer_id, channel, granted, changed_at, source)
                          SELECT id, 'SMS', true, now(), 'DPT' FROM customer`);
      const dir = path.join(os.tmpdir(), `dangol-copy-baseline-${process.pid}`);
      const staged = await copyBaseline(database.url, dir, STAGING_TABLES);
      const written = await copyBaseline(database.url, dir, WAREHOUSE_TABLES);
      expect(staged.rows).toBe(40);
      expect(staged.tables.find((t) => t.table === "staging.hq_region")).toMatchObject({ rows: 40 });
      expect(written.rows).toBe(50);
      expect(written.tables.map((t) => t.table)).toEqual(WAREHOUSE_TABLES);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'bench\\_copy\\_%'`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
