import { formatRulesCsv, mineRules, ruleThresholdsSchema } from "@dangol/domain/baskets";
import { Command } from "commander";
import { z } from "zod";
import { readCsvBatches } from "./csv-file.ts";
import { parseOptions } from "./options.ts";

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
      const thresholds = parseOptions(ruleThresholdsSchema, parseOptions(thresholdOptions, options));
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

/**
 * An empty line is an empty basket, as in arules' read.transactions: it counts towards the
 * total. Empty fields are not items. Items are kept exactly as written, spaces included.
 */
export async function readBaskets(file: string): Promise<string[][]> {
  const baskets: string[][] = [];
  for await (const rows of readCsvBatches(file, { keepEmptyLines: true, varyingFieldCounts: true })) {
    for (const { fields } of rows) baskets.push(fields.includes("") ? fields.filter((item) => item !== "") : fields);
  }
  return baskets;
}
