import { loadDotEnv } from "@dangol/config";
import { createTestDatabase } from "@dangol/db/testing";

/**
 * One fresh database per integration run, migrated with prisma/migrations and dropped at the
 * end. Tests find it in process.env.DATABASE_URL (the workers start after this and inherit the
 * environment).
 */
export default async function setup(): Promise<() => Promise<void>> {
  loadDotEnv();
  const database = await createTestDatabase("dangol_test");
  process.env.DATABASE_URL = database.url;
  return () => database.drop();
}
