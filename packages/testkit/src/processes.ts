import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { findRepoRoot } from "@dangol/config";

export const ROOT = findRepoRoot(import.meta.dirname);

/** Absolute, so a child started outside the repo still finds the loader. */
const TSX_LOADER = import.meta.resolve("tsx");

export type Finished = { code: number | null; stdout: string; stderr: string };

/** Runs a TypeScript entry point the way production does (node + tsx), with exactly the env given. */
export function startTs(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd = ROOT,
): ChildProcess {
  return spawn(process.execPath, ["--import", TSX_LOADER, "--conditions=source", join(ROOT, entry), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

export function runTs(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd = ROOT,
): Promise<Finished> {
  return finished(startTs(entry, args, env, cwd));
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms`);
}

/** A TCP port free on 127.0.0.1 right now (for a child server the caller starts next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
