import { parseMoney } from "@dangol/domain/rfm";
import type pg from "pg";
import { CopyWriter } from "../batches/copy-writer.ts";
import { parseInvoiceDateTime } from "./dates.ts";
import { ImportInputError, lineError, type SourceRow } from "./errors.ts";
import {
  ONLINE_RETAIL_HEADER_HINT,
  type OnlineRetailColumns,
  onlineRetailColumns,
  onlineRetailCustomerId,
} from "./layouts.ts";
import { ensureSourceSystem, ensureStore, type ImportSummary, inImportTransaction } from "./session.ts";

export type OnlineRetailImport = {
  databaseUrl: string;
  file: string;
  rows: AsyncIterable<SourceRow>;
  /** source system code, e.g. ONLINE_RETAIL */
  source: string;
  /** ISO 4217 code of the file's money (GBP for the UCI files) */
  currency: string;
  /** IANA zone the invoice times are wall-clock times of (Europe/London for the UCI files) */
  timeZone: string;
};

/** The single virtual store every invoice of an online shop is booked to (see docs/importers.md). */
export const ONLINE_STORE = { code: "ONLINE", name: "Online shop (all countries)" };

const STAGING_COLUMNS = [
  "line_no",
  "invoice",
  "stock_code",
  "description",
  "quantity",
  "unit_price",
  "amount",
  "sold_local",
  "customer",
  "country",
] as const;

/** money as ten-thousandths (parseMoney) → minor units (1/100), halves away from zero */
function toMinorUnits(tenThousandths: number): number {
  return Math.sign(tenThousandths) * Math.round(Math.abs(tenThousandths) / 100);
}

/**
 * Imports a UCI Online Retail (I or II) file into the warehouse as one source system: stream →
 * COPY into a temp table → set-based INSERT … SELECT, all in one transaction. Receipts are keyed
 * by (source, invoice) and never rewritten, so importing the same file again creates nothing.
 */
export async function importOnlineRetail(options: OnlineRetailImport): Promise<ImportSummary> {
  const started = performance.now();
  const { file, source } = options;
  return inImportTransaction(options.databaseUrl, source, async (client) => {
    await client.query(`SET LOCAL TIME ZONE 'UTC'`);
    await checkTimeZone(client, options.timeZone);
    await ensureSourceSystem(client, {
      code: source,
      name: `External: UCI Online Retail layout; money in ${options.currency} minor units (1/100)`,
      currency: options.currency,
    });
    const storeId = await ensureStore(client, source, ONLINE_STORE.code, ONLINE_STORE.name);
    await client.query(
      `CREATE TEMP TABLE import_line (
         line_no int NOT NULL, invoice text NOT NULL, stock_code text NOT NULL, description text,
         quantity int NOT NULL, unit_price bigint NOT NULL, amount bigint NOT NULL,
         sold_local timestamp NOT NULL, customer text, country text
       ) ON COMMIT DROP`,
    );
    const rowsRead = await stageLines(client, file, options.rows);
    await client.query("ANALYZE import_line");
    return {
      file,
      source,
      rowsRead,
      ...(await loadWarehouse(client, source, storeId, options.timeZone)),
      seconds: (performance.now() - started) / 1000,
    };
  });
}

async function checkTimeZone(client: pg.PoolClient, timeZone: string): Promise<void> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_timezone_names WHERE name = $1", [timeZone]);
  if (!rowCount) throw new ImportInputError(`--timezone: "${timeZone}" is not a time zone Postgres knows`);
}

async function stageLines(client: pg.PoolClient, file: string, rows: AsyncIterable<SourceRow>): Promise<number> {
  const copy = new CopyWriter(client, "import_line", STAGING_COLUMNS);
  let columns: OnlineRetailColumns | undefined;
  let read = 0;
  for await (const row of rows) {
    if (!columns) {
      columns = onlineRetailColumns(row.fields);
      if (!columns) throw lineError(file, row, ONLINE_RETAIL_HEADER_HINT);
      continue;
    }
    read++;
    await copy.write(parseLine(file, row, columns));
  }
  if (!columns) throw new ImportInputError(`${file} is empty (no header line)`);
  await copy.end();
  return read;
}

function parseLine(file: string, row: SourceRow, columns: OnlineRetailColumns) {
  const field = (index: number) => row.fields[index] ?? "";
  const invoice = field(columns.invoice).trim();
  if (invoice === "") throw lineError(file, row, "the invoice number is empty");
  if (invoice.length > 100) throw lineError(file, row, "the invoice number is longer than 100 characters");
  const stockCode = field(columns.stockCode).trim();
  if (stockCode === "") throw lineError(file, row, "the stock code is empty");
  if (stockCode.length > 64) throw lineError(file, row, "the stock code is longer than 64 characters");
  const quantityText = field(columns.quantity).trim();
  const quantity = /^[+-]?\d{1,9}$/.test(quantityText) ? Number(quantityText) : undefined;
  if (quantity === undefined) throw lineError(file, row, `quantity "${quantityText}" is not a whole number`);
  const priceText = field(columns.price);
  const price = parseMoney(priceText);
  if (price === undefined) throw lineError(file, row, `price "${priceText}" is not a decimal with at most 4 decimals`);
  const dateText = field(columns.date);
  const when = parseInvoiceDateTime(dateText);
  if (!when) {
    throw lineError(file, row, `invoice date "${dateText}" is not a date (YYYY-MM-DD HH:MM:SS or M/D/YYYY H:MM)`);
  }
  const amount = toMinorUnits(quantity * price);
  if (!Number.isSafeInteger(amount) || Math.abs(amount) > 2_147_483_647) {
    throw lineError(file, row, "the line amount does not fit the warehouse's integer amounts");
  }
  const customer = onlineRetailCustomerId(field(columns.customer));
  if (customer !== undefined && customer.length > 64) throw lineError(file, row, "the customer id is too long");
  const description = field(columns.description).trim();
  const country = field(columns.country).trim();
  return [
    row.line,
    invoice,
    stockCode,
    description === "" || description === "NA" ? null : description,
    quantity,
    toMinorUnits(price),
    amount,
    when.local,
    customer ?? null,
    country === "" ? null : country,
  ];
}

async function loadWarehouse(client: pg.PoolClient, source: string, storeId: number, timeZone: string) {
  // Products per stock code, named by the first line that describes them.
  const products = await client.query(
    `INSERT INTO product (source_code, code, name, updated_at)
     SELECT $1, stock_code, coalesce(description, stock_code), now()
     FROM (SELECT DISTINCT ON (stock_code) stock_code, description FROM import_line
           ORDER BY stock_code, description IS NULL, line_no) p
     ON CONFLICT (source_code, code) DO NOTHING`,
    [source],
  );

  // Customers per customer id: a golden record and its source link, ids drawn up front so both
  // inserts stay set-based. The country of the customer's last line is their address.
  await client.query(
    `CREATE TEMP TABLE import_new_customer ON COMMIT DROP AS
     SELECT c.customer AS member_no, c.country, nextval(pg_get_serial_sequence('customer', 'id')) AS id
     FROM (SELECT DISTINCT ON (customer) customer, country FROM import_line WHERE customer IS NOT NULL
           ORDER BY customer, line_no DESC) c
     WHERE NOT EXISTS (SELECT 1 FROM customer_source_link l WHERE l.source_code = $1 AND l.member_no = c.customer)`,
    [source],
  );
  const customers = await client.query(
    `INSERT INTO customer (id, status, address_text, updated_at)
     SELECT id, 'ACTIVE', country, now() FROM import_new_customer`,
  );
  await client.query(
    `INSERT INTO customer_source_link (source_code, member_no, customer_id, address_text, updated_at)
     SELECT $1, member_no, id, country, now() FROM import_new_customer`,
    [source],
  );

  // Receipts per invoice (time and customer from its first line); "C…" invoices are returns.
  await client.query("CREATE TEMP TABLE import_new_receipt (id bigint PRIMARY KEY, invoice text) ON COMMIT DROP");
  const invoices = await client.query(
    `WITH head AS (
       SELECT DISTINCT ON (invoice) invoice, sold_local, customer FROM import_line ORDER BY invoice, line_no),
     totals AS (SELECT invoice, sum(amount) AS net, count(*) AS lines FROM import_line GROUP BY invoice),
     created AS (
       INSERT INTO receipt (source_code, source_receipt_key, store_id, customer_id, source_member_no, sold_at,
                            business_date, type, net_amount, line_count)
       SELECT $1, h.invoice, $2, l.customer_id, h.customer, h.sold_local AT TIME ZONE $3, h.sold_local::date,
              (CASE WHEN h.invoice LIKE 'C%' THEN 'RETURN' ELSE 'SALE' END)::receipt_type, t.net::int, t.lines
       FROM head h JOIN totals t USING (invoice)
       LEFT JOIN customer_source_link l ON l.source_code = $1 AND l.member_no = h.customer
       ON CONFLICT (source_code, source_receipt_key) DO NOTHING
       RETURNING id, source_receipt_key)
     INSERT INTO import_new_receipt SELECT id, source_receipt_key FROM created`,
    [source, storeId, timeZone],
  );
  const { rows: inFile } = await client.query<{ n: string }>("SELECT count(DISTINCT invoice) AS n FROM import_line");

  // Lines of the receipts created now only, numbered in file order, dated as their receipt.
  const lines = await client.query(
    `INSERT INTO receipt_line (receipt_id, line_no, source_product_code, product_id, quantity, unit_price, amount,
                               sold_at, business_date)
     SELECT r.id, row_number() OVER (PARTITION BY i.invoice ORDER BY i.line_no), i.stock_code, p.id, i.quantity,
            i.unit_price, i.amount, rc.sold_at, rc.business_date
     FROM import_line i
     JOIN import_new_receipt r ON r.invoice = i.invoice
     JOIN receipt rc ON rc.id = r.id
     LEFT JOIN product p ON p.source_code = $1 AND p.code = i.stock_code`,
    [source],
  );
  return {
    receiptsInFile: Number(inFile[0]!.n),
    receiptsCreated: invoices.rowCount ?? 0,
    linesCreated: lines.rowCount ?? 0,
    customersCreated: customers.rowCount ?? 0,
    productsCreated: products.rowCount ?? 0,
  };
}
