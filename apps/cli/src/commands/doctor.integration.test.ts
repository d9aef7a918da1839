import { runTs } from "@dangol/testkit/processes";
import { describe, expect, it } from "vitest";
import { runDoctor } from "./doctor.ts";

const env = {
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  AUTH_SECRET: "integration-test-secret-of-32-characters",
  QUERY_DB_USER: process.env.QUERY_DB_USER,
  QUERY_DB_PASSWORD: process.env.QUERY_DB_PASSWORD,
};

describe("dangol doctor", () => {
  it("passes Postgres, migrations and Redis on a healthy setup", async () => {
    const results = await runDoctor(env);
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName.PostgreSQL?.status).toBe("ok");
    expect(byName.migrations).toMatchObject({ status: "ok", detail: expect.stringContaining("none pending") });
    expect(byName["analyst query role"]).toMatchObject({ status: "ok", detail: expect.stringContaining("can log in") });
    expect(byName.Redis?.status).toBe("ok");
  });

  it("says when the analyst query role cannot log in, and how to fix it", async () => {
    const results = await runDoctor({ ...env, QUERY_DB_USER: "dangol_no_such_role" });
    expect(results.find((r) => r.name === "analyst query role")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("dangol_no_such_role cannot log in"),
      fix: expect.stringContaining("pnpm dangol db migrate"),
    });
  });

  it("says Redis is unreachable and how to start it, and exits 1", async () => {
    const { code, stdout } = await runTs("apps/cli/src/main.ts", ["doctor"], {
      ...env,
      REDIS_URL: "redis://127.0.0.1:6390",
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ Redis: unreachable at redis:\/\/127\.0\.0\.1:6390: connect ECONNREFUSED/);
    expect(stdout).toContain("redis-server --daemonize yes");
    expect(stdout).toMatch(/✓ PostgreSQL: reachable/);
  }, 30_000);

  it("names a missing variable and still checks the rest", async () => {
    const results = await runDoctor({ ...env, AUTH_SECRET: undefined });
    expect(results.find((r) => r.name === "AUTH_SECRET")).toMatchObject({
      status: "fail",
      detail: "AUTH_SECRET is not set",
    });
    expect(results.find((r) => r.name === "Redis")?.status).toBe("ok");
  });

  it("reports pending migrations on an empty database", async () => {
    const url = new URL(env.DATABASE_URL ?? "");
    url.pathname = "/postgres";
    const results = await runDoctor({ ...env, DATABASE_URL: url.toString() });
    expect(results.find((r) => r.name === "migrations")).toMatchObject({
      status: "fail",
      fix: "pnpm dangol db migrate",
    });
  });
});
