import { createReadStream } from "node:fs";
import { formatRulesCsv, mineRules, ruleThresholdsSchema } from "@dangol/domain/baskets";
import { Command } from "commander";
import { CsvError, parse } from "csv-parse";
import { z } from "zod";
import { CliError } from "../../errors.ts";

export function rulesCommand(): Command {
  return new Command("rules")
    .description("association rules (one item on the right, as arules) over a basket file; prints CSV")
    .requiredOption("--baskets <file>", "one basket per line, items comma-separated, CSV-quoted")
    .requiredOption("--min-support <s>", "minimum support: count / baskets ≥ s, 0 < s ≤ 1")
    .requiredOption("--min-confidence <c>", "minimum confidence, 0 ≤ c ≤ 1")
    .option("--min-lift <l>", "minimum lift")
    .option("--min-len <n>", "minimum items in a rule, both sides (1 admits {} => {x})", "1")
    .option("--max-len <n>", "maximum items in a rule, both sides", "10")
    .action(async (options: Record<string, string | undefined>) => {
      const thresholds = parseThresholds(options);
      const rules = mineRules(await readBaskets(options.baskets!), thresholds);
      process.stdout.write(formatRulesCsv(rules));
    });
}

const number = z
  .string()
  .trim()
  .regex(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i, "must be a number")
  .transform(Number);

const thresholdOptions = z.object({
  minSupport: number,
  minConfidence: number,
  minLift: number.optional(),
  minLen: number,
  maxLen: number,
});

function parseThresholds(options: Record<string, string | undefined>) {
  const numbers = thresholdOptions.safeParse(options);
  const parsed = numbers.success ? ruleThresholdsSchema.safeParse(numbers.data) : numbers;
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = String(issue.path[0]).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  throw new CliError(`--${flag}: ${issue.message}`);
}

/**
 * An empty line is an empty basket, as in arules' read.transactions: it counts towards the
 * total. Empty fields are not items. Items are kept exactly as written, spaces included.
 */
export async function readBaskets(file: string): Promise<string[][]> {
  let lastRecordLine = 0;
  const source = createReadStream(file);
  const parser = source.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        lastRecordLine = context.lines;
        return record;
      },
    }),
  );
  // pipe() does not forward the file's own errors (missing, a directory): hand them to the parser.
  source.on("error", (error) => parser.destroy(error));
  const baskets: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) baskets.push(record.filter((item) => item !== ""));
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(`${file}: ${describeCsvError(error, lastRecordLine + 1)}`);
    if (isNodeError(error)) throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`);
    throw error;
  }
  return baskets;
}

/** `recordLine` is where the failing basket starts: csv-parse reports an unclosed quote at the end of the file. */
function describeCsvError(error: CsvError, recordLine: number): string {
  const line = (error as CsvError & { lines?: number }).lines ?? recordLine;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `line ${recordLine}: a quoted item is never closed`;
    case "INVALID_OPENING_QUOTE":
      return `line ${line}: a quote inside an unquoted item (quote the whole item and double the quote)`;
    case "CSV_INVALID_CLOSING_QUOTE":
      return `line ${line}: text after a closing quote (write a quote inside a quoted item as "")`;
    default:
      return `line ${line}: ${error.message}`;
  }
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error && "syscall" in error;
}
