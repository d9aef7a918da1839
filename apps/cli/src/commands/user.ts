import { databaseEnv, parseEnv } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { createUser } from "@dangol/db/users";
import { isRole, parseStoreRef, ROLES } from "@dangol/domain";
import type { Command } from "commander";
import { CliError } from "../errors.ts";

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("Dangol users");

  user
    .command("add")
    .description("create a user; prints a generated password when --password is not given")
    .requiredOption("--email <email>", "sign-in e-mail")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--store <DIVISION:CODE>", "the store a STORE_STAFF user works in, e.g. MART:M012")
    .option("--password <password>", "initial password (at least 10 characters)")
    .option("--name <name>", "display name")
    .action(async (options: { email: string; role: string; store?: string; password?: string; name?: string }) => {
      const role = options.role.toUpperCase();
      if (!isRole(role)) throw new CliError(`--role "${options.role}" is not a role; use one of ${ROLES.join(", ")}`);
      let store: ReturnType<typeof parseStoreRef> | undefined;
      if (options.store !== undefined) {
        store = parseStoreRef(options.store);
        if (!store.ok) throw new CliError(`--store: ${store.error}`);
      }
      const prisma = createPrismaClient(parseEnv(databaseEnv).DATABASE_URL);
      try {
        const { user: created, generatedPassword } = await createUser(
          prisma,
          {
            email: options.email,
            role,
            name: options.name,
            password: options.password,
            store: store?.ok ? store.value : undefined,
          },
          { system: "cli" },
        );
        console.log(
          `Created ${created.email} (${created.role}${options.store ? `, ${options.store.toUpperCase()}` : ""}).`,
        );
        if (generatedPassword) console.log(`Password: ${generatedPassword}  (shown once; ask the user to change it)`);
      } finally {
        await prisma.$disconnect();
      }
    });
}
