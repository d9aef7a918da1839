import { DEFAULT_END, generate, SCALE_PRESETS } from "@dangol/etl/generator";
import type { Command } from "commander";
import { z } from "zod";
import { CliError } from "../errors.ts";

const wholeNumber = (what: string) => z.string().regex(/^\d+$/, `${what} must be a whole number`).transform(Number);

const GenerateOptions = z.object({
  scale: z.union(
    [z.enum(Object.keys(SCALE_PRESETS) as [keyof typeof SCALE_PRESETS]), wholeNumber("a number of customers")],
    {
      error: `use ${Object.keys(SCALE_PRESETS).join(", ")} or a number of customers`,
    },
  ),
  seed: wholeNumber("the seed"),
  days: wholeNumber("days").optional(),
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "the end date must be YYYY-MM-DD")
    .optional(),
  out: z.string().min(1, "give the output directory"),
  fileFaults: z.boolean().default(false),
});

/** The first zod problem as `--flag: message`, one line. */
function parseOptions(options: unknown): z.infer<typeof GenerateOptions> {
  const parsed = GenerateOptions.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = String(issue.path[0]).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  throw new CliError(`--${flag}: ${issue.message}`);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export function registerGenerateCommand(program: Command): void {
  program
    .command("generate")
    .description("write a realistic, deterministic source-feed delivery (DPT, MART, SM, HQ) with planted problems")
    .requiredOption("--scale <size>", `${Object.keys(SCALE_PRESETS).join(" | ")} | <customers>`)
    .option("--seed <n>", "same seed and options give byte-identical files", "1")
    .option("--days <n>", "business days of history (default: tiny 120, demo 365, bench 730)")
    .option("--end <YYYY-MM-DD>", `the last business day (default ${DEFAULT_END})`)
    .requiredOption("--out <dir>", "a new or empty directory")
    .option(
      "--file-faults",
      "also deliver damaged files (truncated, wrong trailer, wrong md5), each followed by its correction",
    )
    .action((raw: Record<string, unknown>) => {
      // The generator's own refusals (size, dates, a non-empty folder) are UserInputErrors: main prints one line.
      const summary = generate({ ...parseOptions(raw), progress: (line) => process.stderr.write(`${line}\n`) });
      console.log(
        [
          `Delivery in ${summary.out} (${summary.firstDay} … ${summary.lastDay}, ${summary.people.toLocaleString("en-US")} people)`,
          `files:    ${summary.files.toLocaleString("en-US")}`,
          `rows:     ${summary.rows.toLocaleString("en-US")} (members ${summary.members.toLocaleString("en-US")}, receipts ${summary.receipts.toLocaleString("en-US")}, sale lines ${summary.saleRows.toLocaleString("en-US")})`,
          `bytes:    ${summary.bytes.toLocaleString("en-US")} (${mib(summary.bytes)})`,
          `seconds:  ${summary.seconds.toFixed(1)}`,
        ].join("\n"),
      );
    });
}
