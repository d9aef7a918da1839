import type { Command } from "commander";
import { analyticsBenchCommand } from "./analytics.ts";
import { campaignBenchCommand } from "./campaign.ts";
import { dashboardsBenchCommand } from "./dashboards.ts";
import { etlBenchCommand } from "./etl.ts";
import { lookupBenchCommand } from "./lookup.ts";
import { queriesBenchCommand } from "./queries.ts";
import { segmentsBenchCommand } from "./segments.ts";

/**
 * `dangol bench …`: one subcommand per benchmark, each in its own file registering itself on
 * this group (report.ts holds the shared table, JSON and memory helpers).
 */
export function registerBenchCommands(program: Command): void {
  const bench = program
    .command("bench")
    .description("benchmarks: print a table and write JSON under bench/results/ (our path vs a baseline, same run)");
  bench.addCommand(etlBenchCommand().copyInheritedSettings(bench));
  bench.addCommand(analyticsBenchCommand().copyInheritedSettings(bench));
  bench.addCommand(lookupBenchCommand().copyInheritedSettings(bench));
  bench.addCommand(queriesBenchCommand().copyInheritedSettings(bench));
  bench.addCommand(dashboardsBenchCommand().copyInheritedSettings(bench));
  bench.addCommand(segmentsBenchCommand().copyInheritedSettings(bench));
  bench.addCommand(campaignBenchCommand().copyInheritedSettings(bench));
}
