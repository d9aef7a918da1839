import { databaseEnv, parseEnv, queryEnv } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import {
  checkDrift,
  createMigration,
  deployMigrations,
  migrationStatus,
  setQueryRolePassword,
} from "@dangol/db/migrate";
import { seed } from "@dangol/db/seed";
import type { Command } from "commander";

const databaseUrl = () => parseEnv(databaseEnv).DATABASE_URL;

export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("database: migrations and seed");

  db.command("migrate")
    .description("apply pending migrations (no engine download; see docs/prisma-offline.md)")
    .action(async () => {
      const applied = await deployMigrations(databaseUrl());
      console.log(applied.length ? `Applied ${applied.length}: ${applied.join(", ")}` : "Already up to date.");
      const query = parseEnv(queryEnv);
      if (query.QUERY_DB_PASSWORD)
        await setQueryRolePassword(databaseUrl(), query.QUERY_DB_USER, query.QUERY_DB_PASSWORD);
    });

  db.command("status")
    .description("list applied and pending migrations")
    .action(async () => {
      const status = await migrationStatus(databaseUrl());
      console.log(
        `applied: ${status.applied.length}, pending: ${status.pending.length}, failed: ${status.failed.length}`,
      );
      for (const name of status.pending) console.log(`  pending  ${name}`);
      for (const name of status.failed) console.log(`  failed   ${name}`);
      if (status.pending.length || status.failed.length) process.exitCode = 1;
    });

  db.command("check")
    .description("fail when prisma/schema.prisma and prisma/migrations disagree (drift)")
    .action(async () => {
      const diff = await checkDrift(databaseUrl());
      if (diff.trim()) {
        console.error("Drift: prisma/schema.prisma differs from prisma/migrations. Create a migration:");
        console.error("  pnpm dangol db migration create <name>");
        console.error(diff);
        process.exitCode = 1;
      } else {
        console.log("No drift: the migrations produce exactly prisma/schema.prisma.");
      }
    });

  db.command("migration")
    .description("migration authoring")
    .command("create")
    .argument("<name>", "short snake_case name, e.g. add_coupon_table")
    .description("write a new migration from the difference between the migrations and schema.prisma")
    .action(async (name: string) => {
      const folder = await createMigration(name, databaseUrl());
      console.log(`Created ${folder}. Review it (append hand-written SQL if needed), then: pnpm dangol db migrate`);
    });

  db.command("seed")
    .description("demo users (one per role) and a small demo retailer; safe to run twice")
    .option(
      "--no-demo-retailer",
      "users and analytics settings only: the demo's data comes through the ETL (scripts/quickstart.sh)",
    )
    .action(async (options: { demoRetailer: boolean }) => {
      const prisma = createPrismaClient(databaseUrl());
      try {
        await seed(prisma, { log: (line) => console.log(line), demoRetailer: options.demoRetailer });
      } finally {
        await prisma.$disconnect();
      }
    });
}
