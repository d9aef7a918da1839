/**
 * The two servers `dangol bench lookup` measures side by side: our web app (`next start` on the
 * bench warehouse) and a bare App Router page built with the same Next.js, React and settings
 * — the baseline the lookup route's first-load JavaScript is compared with.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findRepoRoot } from "@dangol/config";
import { freePort, waitFor } from "@dangol/testkit/processes";

export interface RunningServer {
  baseUrl: string;
  /** the `next start` process (its peak memory is read from /proc) */
  pid: number;
  stop: () => Promise<void>;
}

export const webDir = () => path.join(findRepoRoot(), "apps", "web");
const nextBin = () => path.join(webDir(), "node_modules", ".bin", "next");

/** `next build` of the web app (the same production build e2e runs against). */
export function buildWeb(): void {
  execFileSync(nextBin(), ["build"], {
    cwd: webDir(),
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/**
 * A one-page App Router app beside the bench data (.data/bench/bare-next), resolving next and
 * react through the web app's node_modules so both builds use the very same packages.
 */
export const bareNextDir = () => path.join(findRepoRoot(), ".data", "bench", "bare-next");

export function buildBareNext(): void {
  const dir = bareNextDir();
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "bare-next", private: true }, null, 2)}\n`);
  writeFileSync(path.join(dir, "next.config.mjs"), "export default { poweredByHeader: false };\n");
  writeFileSync(
    path.join(dir, "app", "layout.js"),
    `export default function RootLayout({ children }) {\n  return <html lang="ko"><body>{children}</body></html>;\n}\n`,
  );
  writeFileSync(path.join(dir, "app", "page.js"), `export default function Page() {\n  return <main>단골</main>;\n}\n`);
  if (!existsSync(path.join(dir, "node_modules")))
    symlinkSync(path.join(webDir(), "node_modules"), path.join(dir, "node_modules"));
  execFileSync(nextBin(), ["build"], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/** `next start` in `dir` on a free port, ready once `probe` answers. */
export async function startNext(dir: string, env: Record<string, string>, probe: string): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(nextBin(), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk) => {
    log = (log + chunk).slice(-2000);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`next start in ${dir} exited: ${log}`);
      return (await fetch(`${baseUrl}${probe}`).catch(() => null))?.ok ? true : undefined;
    }, 60_000);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  return {
    baseUrl,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = new Promise((resolve) => child.once("close", resolve));
      child.kill("SIGTERM");
      await closed;
    },
  };
}
