import pg from "pg";

/**
 * Where the analysts' role connects: DATABASE_URL's server and database with the query role's
 * own credentials, so a test's fresh database and the developer's both get the right target.
 */
export function queryDatabaseUrl(databaseUrl: string, role: { user: string; password?: string | undefined }): string {
  const url = new URL(databaseUrl);
  url.username = encodeURIComponent(role.user);
  url.password = role.password ? encodeURIComponent(role.password) : "";
  return url.toString();
}

/**
 * Gives the query role (created without a password by the workbench migration) its password.
 * Roles are cluster-wide and a migration cannot hold a secret, so `db migrate` and the tests'
 * setup call this after migrating. Needs CREATEROLE, like the migration.
 */
export async function setQueryRolePassword(databaseUrl: string, user: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${client.escapeIdentifier(user)} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}
