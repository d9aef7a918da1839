import { existsSync } from "node:fs";
import path from "node:path";

/** The directory holding pnpm-workspace.yaml, found by walking up from `from`. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}: run this inside the Dangol repository`);
    dir = parent;
  }
}

export interface MigratePaths {
  /** The Prisma schema file the migrations must match. */
  schemaPath: string;
  /** Prisma's migrations folder: <timestamp>_<name>/migration.sql plus migration_lock.toml. */
  migrationsDir: string;
}

/** Defaults match prisma.config.ts; tests pass their own fixture paths. */
export function resolvePaths(overrides: Partial<MigratePaths> = {}): MigratePaths {
  const needsRoot = !overrides.schemaPath || !overrides.migrationsDir;
  const root = needsRoot ? findRepoRoot() : "";
  return {
    schemaPath: path.resolve(overrides.schemaPath ?? path.join(root, "prisma/schema.prisma")),
    migrationsDir: path.resolve(overrides.migrationsDir ?? path.join(root, "prisma/migrations")),
  };
}
