import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { exportConsentChanges, importOptOut080 } from "@dangol/campaigns";
import { consentExportEnv, databaseEnv, findRepoRoot, parseEnv } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { formatSeoulDate } from "@dangol/domain";
import type { Command } from "commander";
import { z } from "zod";
import { CliError } from "../errors.ts";

const optoutOptions = z.object({ json: z.boolean().default(false) });
const exportOptions = z.object({
  day: z.iso.date({ message: "--day must be a date as YYYY-MM-DD" }).optional(),
  out: z.string().min(1, "--out must name a directory").optional(),
});

async function withPrisma<T>(work: (prisma: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(parseEnv(databaseEnv).DATABASE_URL);
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * `dangol campaigns optout-080 FILE` and `dangol campaigns consent-export`: both run in this process
 * (a file import and three small files need no worker). Shares the `campaigns` command with the
 * other campaign commands, whichever registers first.
 */
export function registerConsentCommands(program: Command): void {
  const campaigns =
    program.commands.find((c) => c.name() === "campaigns") ?? program.command("campaigns").description("campaigns");
  campaigns
    .command("optout-080")
    .description("import the 080 opt-out provider's file (phone,called_at): SMS and TM opt-outs; a repeat adds nothing")
    .argument("<file>", "the provider's file, UTF-8 or CP949")
    .option("--json", "print the report as JSON")
    .action(async (file: string, raw: unknown) => {
      const options = optoutOptions.safeParse(raw);
      if (!options.success) throw new CliError(options.error.issues[0]?.message ?? "bad options");
      if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
      const report = await withPrisma((prisma) => importOptOut080(prisma, file));
      if (options.data.json) {
        console.log(JSON.stringify(report, null, 2));
        return;
      }
      console.log(
        `${report.file}: ${report.rowsIn} rows in = ${report.matched} matched + ${report.unmatched} unmatched + ${report.rejected.length} rejected; ${report.customers} customers, ${report.eventsAdded} new opt-outs`,
      );
      for (const r of report.rejected) console.log(`  line ${r.line}: ${r.reason}`);
    });
  campaigns
    .command("consent-export")
    .description("write the outbound consent files (DPT, MART, SM) of one Seoul day's changes taken by Dangol")
    .option("--day <YYYY-MM-DD>", "the day whose changes go out (default: yesterday in Seoul)")
    .option("--out <dir>", "where the files go (default: CONSENT_OUTBOUND_DIR)")
    .action(async (raw: unknown) => {
      const options = exportOptions.safeParse(raw);
      if (!options.success) throw new CliError(options.error.issues[0]?.message ?? "bad options");
      const day = options.data.day ?? formatSeoulDate(new Date(Date.now() - 24 * 3600_000));
      const outDir = options.data.out
        ? resolve(options.data.out)
        : resolve(findRepoRoot(), parseEnv(consentExportEnv).CONSENT_OUTBOUND_DIR);
      const result = await withPrisma((prisma) =>
        exportConsentChanges(prisma, { day, outDir, actor: { system: "cli" } }),
      );
      console.log(`consent changes of ${day}: ${result.events} events`);
      for (const f of result.files) console.log(`  ${f.division} ${f.rows} rows  ${f.path}`);
    });
}
