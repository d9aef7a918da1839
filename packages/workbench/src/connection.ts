import { databaseEnv, parseEnv, queryEnv } from "@dangol/config";
// Not the migrate index: that pulls the schema engine's paths into the web server bundle.
import { queryDatabaseUrl } from "@dangol/db/query-role";

/**
 * Where analysts' SQL runs: DATABASE_URL's server and database, logged in as the query role
 * (QUERY_DB_USER / QUERY_DB_PASSWORD) that may only SELECT from the analytics views. Passing
 * the database URL lets a test or a bench point it at its own database.
 */
export function analystConnectionString(databaseUrl?: string): string {
  const url = databaseUrl ?? parseEnv(databaseEnv).DATABASE_URL;
  const role = parseEnv(queryEnv);
  return queryDatabaseUrl(url, { user: role.QUERY_DB_USER, password: role.QUERY_DB_PASSWORD });
}
