import { loadDotEnv } from "@dangol/config";
import { createTestDatabase } from "@dangol/db/testing";
import type { TestProject } from "vitest/node";

/**
 * One fresh database per integration run, migrated with prisma/migrations and dropped at the
 * end. Tests find it in process.env.DATABASE_URL (the workers start after this and inherit the
 * environment) or through inject("databaseUrl").
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  loadDotEnv();
  const database = await createTestDatabase("dangol_test");
  process.env.DATABASE_URL = database.url;
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}
