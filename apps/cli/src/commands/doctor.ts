import { authEnv, databaseEnv, EnvError, parseEnv, queryEnv, redisEnv } from "@dangol/config";
import { pingPostgres } from "@dangol/db/health";
import { migrationStatus } from "@dangol/db/migrate";
import { queryDatabaseUrl } from "@dangol/db/query-role";
import { HEARTBEAT_STALE_AFTER_MS, pingRedis, WORKER_HEARTBEAT_KEY } from "@dangol/jobs";
import { Redis } from "ioredis";

export type CheckResult = { name: string; status: "ok" | "fail" | "warn"; detail: string; fix?: string };

const START_SERVICES =
  "bash scripts/services.sh (starts, or installs, the local PostgreSQL and Redis), or docker compose up -d";

/** Each check says what is wrong and the exact command that fixes it; later checks run even when earlier ones fail. */
export async function runDoctor(env: Record<string, string | undefined> = process.env): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const variable = <T>(name: string, read: () => T): T | undefined => {
    try {
      const value = read();
      results.push({ name, status: "ok", detail: "set" });
      return value;
    } catch (error) {
      const detail = error instanceof EnvError ? `${error.variable} ${error.problem}` : String(error);
      results.push({
        name,
        status: "fail",
        detail,
        fix: "copy .env.example to .env and fill it in (bash scripts/setup.sh writes one)",
      });
      return undefined;
    }
  };
  const databaseUrl = variable("DATABASE_URL", () => parseEnv(databaseEnv, env).DATABASE_URL);
  const redisUrl = variable("REDIS_URL", () => parseEnv(redisEnv, env).REDIS_URL);
  variable("AUTH_SECRET", () => parseEnv(authEnv, env).AUTH_SECRET);

  if (databaseUrl) {
    const postgres = await pingPostgres(databaseUrl);
    const where = redactUrl(databaseUrl);
    if (!postgres.ok) {
      results.push({
        name: "PostgreSQL",
        status: "fail",
        detail: `unreachable at ${where}: ${postgres.error}`,
        fix: START_SERVICES,
      });
    } else {
      results.push({ name: "PostgreSQL", status: "ok", detail: `reachable at ${where} (${postgres.ms} ms)` });
      results.push(await checkMigrations(databaseUrl));
      results.push(await checkQueryRole(databaseUrl, env));
    }
  }

  if (redisUrl) {
    const redis = await pingRedis(redisUrl);
    if (!redis.ok) {
      results.push({
        name: "Redis",
        status: "fail",
        detail: `unreachable at ${redactUrl(redisUrl)}: ${redis.error}`,
        fix: `${START_SERVICES}; or just Redis: redis-server --daemonize yes --bind 127.0.0.1 --port 6379`,
      });
    } else {
      results.push({ name: "Redis", status: "ok", detail: `reachable at ${redactUrl(redisUrl)} (${redis.ms} ms)` });
      results.push(await checkWorker(redisUrl));
    }
  }
  return results;
}

/** The workbench runs analysts' SQL as its own login role: it must exist and accept the password. */
async function checkQueryRole(databaseUrl: string, env: Record<string, string | undefined>): Promise<CheckResult> {
  const name = "analyst query role";
  let role: { QUERY_DB_USER: string; QUERY_DB_PASSWORD?: string | undefined };
  try {
    role = parseEnv(queryEnv, env);
  } catch (error) {
    const detail = error instanceof EnvError ? `${error.variable} ${error.problem}` : String(error);
    return { name, status: "fail", detail, fix: "correct it in .env (see .env.example)" };
  }
  const login = await pingPostgres(
    queryDatabaseUrl(databaseUrl, { user: role.QUERY_DB_USER, password: role.QUERY_DB_PASSWORD }),
  );
  if (login.ok) return { name, status: "ok", detail: `${role.QUERY_DB_USER} can log in (${login.ms} ms)` };
  return {
    name,
    status: "fail",
    detail: `${role.QUERY_DB_USER} cannot log in: ${login.error}`,
    fix: "pnpm dangol db migrate (creates the role and sets QUERY_DB_PASSWORD on it; the app role needs CREATEROLE)",
  };
}

async function checkMigrations(databaseUrl: string): Promise<CheckResult> {
  try {
    const status = await migrationStatus(databaseUrl);
    if (status.failed.length > 0) {
      return {
        name: "migrations",
        status: "fail",
        detail: `failed: ${status.failed.join(", ")}`,
        fix: "inspect the failed migration, fix it, then pnpm dangol db migrate",
      };
    }
    if (status.pending.length > 0) {
      return {
        name: "migrations",
        status: "fail",
        detail: `${status.pending.length} not applied: ${status.pending.join(", ")}`,
        fix: "pnpm dangol db migrate",
      };
    }
    return { name: "migrations", status: "ok", detail: `${status.applied.length} applied, none pending` };
  } catch (error) {
    return {
      name: "migrations",
      status: "fail",
      detail: error instanceof Error ? error.message : String(error),
      fix: "pnpm dangol db migrate",
    };
  }
}

async function checkWorker(redisUrl: string): Promise<CheckResult> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    const raw = await redis.get(WORKER_HEARTBEAT_KEY);
    const beat = raw ? (JSON.parse(raw) as { at: string; pid: number }) : undefined;
    const age = beat ? Date.now() - Date.parse(beat.at) : Number.POSITIVE_INFINITY;
    if (!beat)
      return {
        name: "worker",
        status: "warn",
        detail: "no heartbeat seen yet",
        fix: "pnpm --filter @dangol/worker start",
      };
    if (age > HEARTBEAT_STALE_AFTER_MS) {
      return {
        name: "worker",
        status: "warn",
        detail: `last heartbeat ${Math.round(age / 1000)} s ago`,
        fix: "pnpm --filter @dangol/worker start",
      };
    }
    return {
      name: "worker",
      status: "ok",
      detail: `alive (pid ${beat.pid}, heartbeat ${Math.round(age / 1000)} s ago)`,
    };
  } finally {
    redis.disconnect();
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

export function formatDoctor(results: CheckResult[]): string {
  const mark = { ok: "✓", fail: "✗", warn: "!" } as const;
  return results
    .map((r) => `${mark[r.status]} ${r.name}: ${r.detail}${r.fix && r.status !== "ok" ? `\n    fix: ${r.fix}` : ""}`)
    .join("\n");
}
