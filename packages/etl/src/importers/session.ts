import pg from "pg";
import { ImportInputError } from "./errors.ts";

/**
 * Runs `work` in one transaction on one connection, serialised per source system by an advisory
 * lock so two imports into the same source cannot interleave. On any failure the connection is
 * discarded (it may be in the middle of a COPY), which rolls the transaction back.
 */
export async function inImportTransaction<T>(
  databaseUrl: string,
  sourceCode: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`dangol.import:${sourceCode}`]);
    const result = await work(client);
    await client.query("COMMIT");
    client.release();
    client = undefined;
    return result;
  } finally {
    client?.release(true);
    await pool.end();
  }
}

/**
 * Makes sure the source system exists as an EXTERNAL source with this currency; refuses one that
 * exists with another format or currency (its amounts would mean something else).
 */
export async function ensureSourceSystem(
  client: pg.PoolClient,
  source: { code: string; name: string; currency: string },
): Promise<void> {
  await client.query(
    `INSERT INTO source_system (code, name, format, currency) VALUES ($1, $2, 'EXTERNAL', $3)
     ON CONFLICT (code) DO NOTHING`,
    [source.code, source.name, source.currency],
  );
  const { rows } = await client.query<{ format: string; currency: string }>(
    "SELECT format::text AS format, currency FROM source_system WHERE code = $1",
    [source.code],
  );
  const row = rows[0]!;
  if (row.format !== "EXTERNAL" || row.currency !== source.currency) {
    throw new ImportInputError(
      `source ${source.code} already exists as ${row.format} in ${row.currency}; import into another --source (this file is EXTERNAL in ${source.currency})`,
    );
  }
}

/** The id of the source's single virtual store, created when missing. */
export async function ensureStore(
  client: pg.PoolClient,
  sourceCode: string,
  code: string,
  name: string,
): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `WITH created AS (
       INSERT INTO store (source_code, code, name, format, updated_at) VALUES ($1, $2, $3, 'EXTERNAL', now())
       ON CONFLICT (source_code, code) DO NOTHING RETURNING id)
     SELECT id FROM created UNION ALL SELECT id FROM store WHERE source_code = $1 AND code = $2`,
    [sourceCode, code, name],
  );
  return rows[0]!.id;
}

export type ImportSummary = {
  file: string;
  source: string;
  rowsRead: number;
  /** receipts the file holds (invoices or baskets) */
  receiptsInFile: number;
  receiptsCreated: number;
  linesCreated: number;
  customersCreated: number;
  productsCreated: number;
  categoriesCreated?: number;
  seconds: number;
};
