import pg from "pg";

/**
 * One short-lived connection for callers without their own pg client (the web app uses Prisma),
 * so they can call loadAnalyticsConfig / saveAnalyticsConfig / createAnalyticsRun.
 */
export async function withAnalyticsClient<T>(
  databaseUrl: string,
  fn: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "analytics-web" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
