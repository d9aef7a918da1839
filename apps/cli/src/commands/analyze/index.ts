import type { Command } from "commander";
import { bgnbdCommand } from "./bgnbd.ts";
import { rfmCommand } from "./rfm.ts";
import { rulesCommand } from "./rules.ts";

/** Offline analyses over files; one module per subcommand, each adds one line here. */
export function registerAnalyzeCommands(program: Command): void {
  const analyze = program.command("analyze").description("analyses over exported files, printed as CSV");
  // Subcommands built on their own do not inherit the program's settings (exitOverride, output).
  const add = (command: Command) => analyze.addCommand(command.copyInheritedSettings(analyze));
  add(rulesCommand());
  add(rfmCommand());
  add(bgnbdCommand());
}
