import { customerHistories, fitBgNbd, fitGammaGamma, type Purchase } from "@dangol/domain/clv";
import { Command } from "commander";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { type CsvRow, lineError, readCsvRows } from "./csv-file.ts";
import { parseIsoDay } from "./dates.ts";
import { isoDayOption, parseOptions } from "./options.ts";

const UNIT_DAYS = { week: 7, day: 1 } as const;

const bgnbdOptions = z.object({
  elog: z.string().min(1, "give the event log file"),
  calibrationEnd: isoDayOption,
  unit: z.enum(["week", "day"], { error: 'must be "week" or "day"' }),
  spend: z.boolean().default(false),
});

export function bgnbdCommand(): Command {
  return new Command("bgnbd")
    .description("fit BG/NBD (and with --spend Gamma-Gamma) to an event log by maximum likelihood; prints JSON")
    .requiredOption("--elog <file>", "CSV with header customer_id,date[,amount]; dates YYYY-MM-DD; gzipped or not")
    .requiredOption("--calibration-end <YYYY-MM-DD>", "last day of the calibration period (included)")
    .option("--unit <unit>", "time unit of t_x, T and α: week or day", "week")
    .option("--spend", "also fit Gamma-Gamma to the mean repeat spend (needs the amount column)")
    .action(async (raw: unknown) => {
      const options = parseOptions(bgnbdOptions, raw);
      const { purchases, hasAmounts } = await readEventLog(options.elog, options.spend);
      if (options.spend && !hasAmounts) throw new CliError(`--spend: ${options.elog} has no amount column`);
      const histories = customerHistories(purchases, options.calibrationEnd, UNIT_DAYS[options.unit]);
      if (histories.length === 0) throw new CliError(`${options.elog}: no purchases on or before the calibration end`);
      const fit = fitBgNbd(histories);
      const result: Record<string, unknown> = { ...fit.params, logLik: fit.logLik, customers: fit.customers };
      if (options.spend) {
        const spenders = histories.filter((h) => h.x > 0 && h.meanRepeatSpend !== undefined && h.meanRepeatSpend > 0);
        const spend = fitGammaGamma(spenders.map((h) => ({ x: h.x, m: h.meanRepeatSpend! })));
        result.gammaGamma = { ...spend.params, logLik: spend.logLik, customers: spend.customers };
      }
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}

/** Reads the whole event log: the fit needs every customer before it can start. */
async function readEventLog(file: string, needAmounts: boolean) {
  const purchases: Purchase[] = [];
  let hasAmounts: boolean | undefined;
  for await (const row of readCsvRows(file)) {
    if (hasAmounts === undefined) {
      hasAmounts = elogHeader(file, row);
      continue;
    }
    const [customerId = "", dateText = "", amountText = ""] = row.fields.map((f) => f.trim());
    if (customerId === "") throw lineError(file, row, "the customer id is empty");
    const day = parseIsoDay(dateText);
    if (day === undefined) throw lineError(file, row, `date "${dateText}" is not a date as YYYY-MM-DD`);
    if (!(hasAmounts && needAmounts)) {
      purchases.push({ customerId, day });
      continue;
    }
    const amount = Number(amountText);
    if (amountText === "" || !Number.isFinite(amount))
      throw lineError(file, row, `amount "${amountText}" is not a number`);
    purchases.push({ customerId, day, amount });
  }
  if (hasAmounts === undefined) throw new CliError(`${file} is empty`);
  return { purchases, hasAmounts };
}

/** True when the header has the optional amount column. */
function elogHeader(file: string, row: CsvRow): boolean {
  const names = row.fields.map((f) => f.trim()).join(",");
  if (names === "customer_id,date") return false;
  if (names === "customer_id,date,amount") return true;
  throw lineError(file, row, `the header must be customer_id,date or customer_id,date,amount, not ${names}`);
}
