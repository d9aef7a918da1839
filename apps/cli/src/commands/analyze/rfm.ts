import {
  compareCustomerIds,
  formatCentsLikePython,
  parseMoney,
  RfmAccumulator,
  type ScoredCustomer,
  scoreRfm,
} from "@dangol/domain/rfm";
import {
  ONLINE_RETAIL_HEADER_HINT,
  type OnlineRetailColumns,
  onlineRetailColumns,
  onlineRetailCustomerId,
} from "@dangol/etl/importers";
import { Command } from "commander";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { type CsvRow, lineError, readCsvRows } from "./csv-file.ts";
import { parseInvoiceDay } from "./dates.ts";
import { isoDayOption, parseOptions } from "./options.ts";

const rfmOptions = z.object({
  transactions: z.string().min(1, "give the transactions file"),
  layout: z.enum(["online-retail"], { error: 'the only layout is "online-retail"' }),
  refDate: isoDayOption,
});

export function rfmCommand(): Command {
  return new Command("rfm")
    .description("RFM metrics and 1–5 quintile scores per customer from invoice lines; prints CSV")
    .requiredOption("--transactions <file>", "invoice lines as CSV, gzipped or not")
    .requiredOption("--layout <layout>", "the file's columns: online-retail (UCI Online Retail I or II)")
    .requiredOption("--ref-date <YYYY-MM-DD>", "the date recency is measured to")
    .action(async (raw: unknown) => {
      const options = parseOptions(rfmOptions, raw);
      const rfm = new RfmAccumulator(options.refDate);
      for await (const line of onlineRetailLines(options.transactions)) rfm.add(line);
      const scored = scoreRfm(rfm.metrics()).sort((a, b) => compareCustomerIds(a.customerId, b.customerId));
      process.stdout.write(formatRfmCsv(scored));
    });
}

function formatRfmCsv(customers: ScoredCustomer[]): string {
  const lines = customers.map(
    (c) =>
      `${csvField(c.customerId)},${c.recencyDays},${c.frequency},${formatCentsLikePython(c.monetaryCents)},${c.r},${c.f},${c.m}`,
  );
  return `customer_id,recency_days,frequency,monetary,R,F,M\n${lines.join("\n")}\n`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The invoice lines of customers, read from an online-retail file. Lines without a customer id
 * are skipped unread: RFM is per customer. Online Retail II exports write ids as floats ("13085.0").
 */
async function* onlineRetailLines(file: string) {
  let columns: OnlineRetailColumns | undefined;
  for await (const row of readCsvRows(file)) {
    if (!columns) {
      columns = onlineRetailColumns(row.fields);
      if (!columns) throw lineError(file, row, ONLINE_RETAIL_HEADER_HINT);
      continue;
    }
    const customerId = onlineRetailCustomerId(field(row, columns.customer));
    if (customerId === undefined) continue;
    const invoice = field(row, columns.invoice).trim();
    const quantityText = field(row, columns.quantity).trim();
    const quantity = /^[+-]?\d+$/.test(quantityText) ? Number(quantityText) : undefined;
    if (quantity === undefined) throw lineError(file, row, `quantity "${quantityText}" is not a whole number`);
    const priceText = field(row, columns.price);
    const price = parseMoney(priceText);
    if (price === undefined)
      throw lineError(file, row, `price "${priceText}" is not a decimal with at most 4 decimals`);
    const dateText = field(row, columns.date);
    const day = parseInvoiceDay(dateText);
    if (day === undefined) {
      throw lineError(file, row, `invoice date "${dateText}" is not a date (YYYY-MM-DD HH:MM:SS or M/D/YYYY H:MM)`);
    }
    if (invoice === "") throw lineError(file, row, "the invoice number is empty");
    yield { customerId, invoice, day, amount: quantity * price, cancelled: invoice.startsWith("C") };
  }
  if (!columns) throw new CliError(`${file} is empty`);
}

function field(row: CsvRow, index: number): string {
  return row.fields[index] ?? "";
}
