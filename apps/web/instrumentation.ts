/** Runs once when the server starts: a bad variable stops `next start` with one line naming it. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadDotEnv, loadEnvOrExit } = await import("@dangol/config");
  const { webEnvShape } = await import("./src/env.ts");
  // Next reads only apps/web/.env*; the project keeps its one .env at the repo root.
  loadDotEnv();
  const parsed = loadEnvOrExit(webEnvShape);
  // next-auth 4 only reads NEXTAUTH_URL; AUTH_URL is the name the rest of the project uses.
  if (!parsed.NEXTAUTH_URL && parsed.AUTH_URL) process.env.NEXTAUTH_URL = parsed.AUTH_URL;
}
