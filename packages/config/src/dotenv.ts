import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The monorepo root: the nearest folder upwards that holds pnpm-workspace.yaml. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/**
 * Every process (web, worker, CLI) reads the one `.env` at the repo root, so a developer keeps
 * one file. Variables already set in the environment win (CI and tests set their own).
 */
export function loadDotEnv(root = findRepoRoot()): void {
  const file = join(root, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}
