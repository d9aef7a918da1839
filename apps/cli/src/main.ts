import { EnvError, loadDotEnv } from "@dangol/config";
import { Command, CommanderError } from "commander";
import { registerAnalyticsCommands } from "./commands/analytics.ts";
import { registerAnalyzeCommands } from "./commands/analyze/index.ts";
import { registerBenchCommands } from "./commands/bench/index.ts";
import { registerConsentCommands } from "./commands/consent.ts";
import { registerDbCommands } from "./commands/db.ts";
import { formatDoctor, runDoctor } from "./commands/doctor.ts";
import { registerEtlCommands } from "./commands/etl.ts";
import { registerGenerateCommand } from "./commands/generate.ts";
import { registerImportCommands } from "./commands/import.ts";
import { registerPointsCommands } from "./commands/points.ts";
import { registerUserCommands } from "./commands/user.ts";
import { CliError } from "./errors.ts";

loadDotEnv();

const program = new Command("dangol").description("Dangol operator CLI").exitOverride();

registerDbCommands(program);
registerUserCommands(program);
registerAnalyzeCommands(program);
registerAnalyticsCommands(program);
registerGenerateCommand(program);
registerEtlCommands(program);
registerImportCommands(program);
registerPointsCommands(program);
registerBenchCommands(program);
registerConsentCommands(program);

program
  .command("doctor")
  .description("check configuration, PostgreSQL, migrations, Redis and the worker; says how to fix what is wrong")
  .action(async () => {
    const results = await runDoctor();
    console.log(formatDoctor(results));
    if (results.some((r) => r.status === "fail")) process.exitCode = 1;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof CliError || error instanceof EnvError || isUserInputError(error)) {
    console.error(`dangol: ${(error as Error).message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}

function isUserInputError(error: unknown): boolean {
  return error instanceof Error && error.name === "UserInputError";
}
