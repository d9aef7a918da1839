export { dropDatabase, ensureDatabase, parseDatabaseUrl, withDatabase } from "./adapter.ts";
export {
  checkDrift,
  createMigration,
  deployMigrations,
  type MigrateOptions,
  type MigrationStatus,
  migrationStatus,
} from "./commands.ts";
export { findRepoRoot, type MigratePaths, resolvePaths } from "./paths.ts";
export { queryDatabaseUrl, setQueryRolePassword } from "./query-role.ts";
