import { loadDotEnv, parseEnv, queryEnv } from "@dangol/config";
import { setQueryRolePassword } from "@dangol/db/migrate";
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
  const query = parseEnv(queryEnv);
  if (query.QUERY_DB_PASSWORD) await setQueryRolePassword(database.url, query.QUERY_DB_USER, query.QUERY_DB_PASSWORD);
  return () => database.drop();
}
