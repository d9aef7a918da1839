import { databaseEnv, parseEnv } from "@dangol/config/env";
import type { SchemaFilter } from "@prisma/schema-engine-wasm";
import { ensureDatabase, withDatabase } from "./adapter.ts";
import { withSchemaEngine } from "./engine.ts";
import { migrationTimestamp, readMigrations, readSchema, snakeName, writeMigration } from "./folder.ts";
import { type MigratePaths, resolvePaths } from "./paths.ts";

export type MigrateOptions = Partial<MigratePaths>;

// prisma.config.ts declares no external tables or enums.
const filters: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * `prisma migrate deploy`: applies the folder's pending migrations in order, each recorded in
 * `_prisma_migrations` by the engine itself (checksum = sha256 of migration.sql). Creates the
 * database first if it is missing. Returns the names it applied.
 */
export async function deployMigrations(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const { migrationsDir } = resolvePaths(options);
  await ensureDatabase(databaseUrl);
  const migrationsList = await readMigrations(migrationsDir);
  const { appliedMigrationNames } = await withSchemaEngine(databaseUrl, undefined, (engine) =>
    engine.applyMigrations({ migrationsList, filters }),
  );
  return appliedMigrationNames;
}

export interface MigrationStatus {
  /** Folder names, oldest first. */
  migrations: string[];
  applied: string[];
  pending: string[];
  /** Started but never finished (the DB may be half-migrated): fix by hand, then mark resolved. */
  failed: string[];
  /** Applied, but migration.sql changed since (checksum mismatch). */
  edited: string[];
  /** Recorded as applied in the database but missing from the folder (another branch?). */
  notInFolder: string[];
  upToDate: boolean;
}

/** `prisma migrate status`, as data. Reads only: no shadow database, no writes. */
export async function migrationStatus(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrationStatus> {
  const { migrationsDir } = resolvePaths(options);
  const migrationsList = await readMigrations(migrationsDir);
  const migrations = migrationsList.migrationDirectories.map((dir) => dir.path);
  const diagnosis = await withSchemaEngine(databaseUrl, undefined, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters }),
  );
  const history = diagnosis.history;
  const pending = history && "unappliedMigrationNames" in history ? history.unappliedMigrationNames : [];
  const notInFolder = history && "unpersistedMigrationNames" in history ? history.unpersistedMigrationNames : [];
  const failed = diagnosis.failedMigrationNames;
  const notApplied = new Set([...pending, ...failed]);
  return {
    migrations,
    applied: migrations.filter((name) => !notApplied.has(name)),
    pending,
    failed,
    edited: diagnosis.editedMigrationNames,
    notInFolder,
    upToDate: history === null && failed.length === 0 && diagnosis.editedMigrationNames.length === 0,
  };
}

/**
 * SQL that would bring the migrations folder (replayed in a throw-away shadow database) up to
 * schema.prisma; '' when they agree. The comparison is against the schema's datamodel, so SQL
 * Prisma cannot express (triggers, CHECK constraints) added by hand to a migration is ignored.
 * Only the database *server* is used; the URL's own database need not exist.
 */
export async function checkDrift(databaseUrl?: string, options: MigrateOptions = {}): Promise<string> {
  const url = databaseUrl ?? parseEnv(databaseEnv).DATABASE_URL;
  const { schemaPath, migrationsDir } = resolvePaths(options);
  return diffMigrationsToSchema(url, schemaPath, migrationsDir);
}

/**
 * `prisma migrate dev --create-only`: writes the SQL that takes the migrations folder to
 * schema.prisma as a new migration, without applying it, so hand-written SQL can be appended
 * before `deployMigrations`. Returns the new folder's absolute path
 * (…/prisma/migrations/<YYYYMMDDHHMMSS>_<snake_name>). Throws when there is nothing to migrate.
 */
export async function createMigration(
  name: string,
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<string> {
  const slug = snakeName(name);
  if (!slug) throw new Error(`"${name}" is not a usable migration name: use letters, digits and _`);
  const { schemaPath, migrationsDir } = resolvePaths(options);
  const sql = await diffMigrationsToSchema(databaseUrl, schemaPath, migrationsDir);
  if (!sql) {
    throw new Error(
      `Nothing to migrate: ${schemaPath} already matches ${migrationsDir}. Change the schema first (hand-written SQL goes into a migration created after a schema change, or an existing one before it is applied).`,
    );
  }
  return writeMigration(migrationsDir, `${migrationTimestamp()}_${slug}`, sql);
}

async function diffMigrationsToSchema(databaseUrl: string, schemaPath: string, migrationsDir: string): Promise<string> {
  const schemaFiles = await readSchema(schemaPath);
  const migrationsList = await readMigrations(migrationsDir);
  // The engine only needs the server (to create the shadow database), so connect to the
  // maintenance database: this works before the app database has been created.
  const serverUrl = withDatabase(databaseUrl, "postgres");
  const result = await withSchemaEngine(serverUrl, schemaFiles, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: true,
      filters,
    }),
  );
  // With exitCode set, the engine answers 2 for a non-empty diff and 0 for none.
  return result.exitCode === 2 ? (result.stdout ?? "") : "";
}
