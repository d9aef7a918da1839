/**
 * The e2e entry point (`pnpm --filter @dangol/web e2e`): a fresh migrated database with the demo
 * seed, Playwright against `next start` on a free port, then the database is dropped. Extra
 * arguments go to `playwright test` (e.g. a spec file or `--grep`).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { loadDotEnv } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { seed } from "@dangol/db/seed";
import { createTestDatabase } from "@dangol/db/testing";

function freePort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => {
      const fallback = createServer();
      fallback.listen(0, "127.0.0.1", () => {
        const address = fallback.address();
        fallback.close(() => resolve(typeof address === "object" && address ? address.port : preferred));
      });
    });
    server.listen(preferred, "127.0.0.1", () => server.close(() => resolve(preferred)));
  });
}

// The root .env names the Postgres server to create the throw-away database on.
loadDotEnv();
const database = await createTestDatabase("dangol_e2e");
let code = 1;
try {
  const prisma = createPrismaClient(database.url);
  try {
    await seed(prisma);
  } finally {
    await prisma.$disconnect();
  }
  const port = await freePort(3100);
  code = await new Promise<number>((resolve) => {
    const child = spawn("pnpm", ["exec", "playwright", "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
        // Jobs the screens enqueue (e.g. "refresh now") land in a queue no developer's worker reads.
        DANGOL_QUEUE_PREFIX: `e2e-${process.pid}`,
        AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        E2E_PORT: String(port),
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => child.kill(signal));
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
} finally {
  await database.drop();
}
process.exit(code);
