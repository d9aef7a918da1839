import { describe, expect, it } from "vitest";
import { authEnv, databaseEnv, EnvError, parseEnv, redisEnv, workerEnv } from "./env.ts";

const shape = { ...databaseEnv, ...redisEnv, ...authEnv };
const good = {
  DATABASE_URL: "postgresql://dangol:dangol@127.0.0.1:5432/dangol",
  REDIS_URL: "redis://127.0.0.1:6379",
  AUTH_SECRET: "x".repeat(32),
};

function problemOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(shape, source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
  }
  return "no error";
}

describe("parseEnv", () => {
  it("accepts a complete configuration", () => {
    expect(parseEnv(shape, good)).toEqual(good);
  });

  it("names a missing variable", () => {
    expect(problemOf({ ...good, DATABASE_URL: undefined })).toBe(
      "Configuration error: DATABASE_URL is not set. See .env.example.",
    );
  });

  it("names a malformed variable and says what it must look like", () => {
    expect(problemOf({ ...good, REDIS_URL: "localhost:6379" })).toContain("REDIS_URL must be a redis:// URL");
    expect(problemOf({ ...good, DATABASE_URL: "mysql://x" })).toContain("DATABASE_URL must be a postgresql:// URL");
    expect(problemOf({ ...good, AUTH_SECRET: "short" })).toContain("AUTH_SECRET must be at least 32 characters");
  });

  it("applies defaults and coerces numbers", () => {
    expect(parseEnv(workerEnv, {})).toEqual({ WORKER_HEALTH_PORT: 3101 });
    expect(() => parseEnv(workerEnv, { WORKER_HEALTH_PORT: "http" })).toThrow("WORKER_HEALTH_PORT");
  });
});
