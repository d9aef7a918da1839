import { databaseEnv, parseEnv } from "@dangol/config";
import { type ImportSummary, importBaskets, importOnlineRetail } from "@dangol/etl/importers";
import { Command } from "commander";
import { z } from "zod";
import { readCsvRows } from "./analyze/csv-file.ts";
import { isoDayOption, parseOptions } from "./analyze/options.ts";

const sourceCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,31}$/, "a source code is 1–32 capital letters, digits or _ starting with a letter");

const onlineRetailOptions = z.object({
  source: sourceCode,
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as GBP"),
  timezone: z.string().min(1),
});

const basketOptions = z.object({
  source: sourceCode,
  hierarchy: z.string().min(1).optional(),
  date: isoDayOption,
});

/** `dangol import …`: load transaction exports that are not ours into the warehouse (docs/importers.md). */
export function registerImportCommands(program: Command): void {
  const command = new Command("import").description(
    "import external transaction exports into the warehouse as their own source system (docs/importers.md)",
  );
  command
    .command("online-retail")
    .description("UCI Online Retail (I or II) invoice lines, gzipped or not: one receipt per invoice")
    .argument("<file>", "the CSV export")
    .option("--source <code>", "source system code", "ONLINE_RETAIL")
    .option("--currency <code>", "currency of the file's prices (stored in minor units, 1/100)", "GBP")
    .option("--timezone <zone>", "time zone of the invoice times", "Europe/London")
    .action(async (file: string, raw: unknown) => {
      const options = parseOptions(onlineRetailOptions, raw);
      const summary = await importOnlineRetail({
        databaseUrl: parseEnv(databaseEnv).DATABASE_URL,
        file,
        rows: readCsvRows(file),
        source: options.source,
        currency: options.currency,
        timeZone: options.timezone,
      });
      console.log(formatSummary(summary, "invoices"));
    });
  command
    .command("baskets")
    .description("one basket per line, items comma-separated: one anonymous receipt per basket")
    .argument("<file>", "the basket file, gzipped or not")
    .option("--source <code>", "source system code", "BASKETS")
    .option("--hierarchy <file>", "item hierarchy CSV (labels, level2, level1) → categories")
    .option("--date <YYYY-MM-DD>", "business day to book the baskets on (the file has no dates)", "1970-01-01")
    .action(async (file: string, raw: unknown) => {
      const options = parseOptions(basketOptions, raw);
      const summary = await importBaskets({
        databaseUrl: parseEnv(databaseEnv).DATABASE_URL,
        file,
        rows: readCsvRows(file, { varyingFieldCounts: true }),
        ...(options.hierarchy ? { hierarchy: { file: options.hierarchy, rows: readCsvRows(options.hierarchy) } } : {}),
        source: options.source,
        date: new Date(options.date * 86_400_000).toISOString().slice(0, 10),
      });
      console.log(formatSummary(summary, "baskets"));
    });
  program.addCommand(command);
}

function formatSummary(s: ImportSummary, unit: string): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const lines = [
    `imported ${s.file} into source ${s.source} in ${s.seconds.toFixed(1)} s`,
    `  rows read          ${n(s.rowsRead)}`,
    `  ${unit.padEnd(17)}  ${n(s.receiptsInFile)} in the file, ${n(s.receiptsCreated)} new receipts`,
    `  receipt lines      ${n(s.linesCreated)} new`,
    `  customers          ${n(s.customersCreated)} new`,
    `  products           ${n(s.productsCreated)} new`,
  ];
  if (s.categoriesCreated !== undefined) lines.push(`  categories         ${n(s.categoriesCreated)} new`);
  if (s.receiptsCreated === 0) lines.push("  (nothing new: every receipt of this file was already imported)");
  return lines.join("\n");
}
