import {
  ANALYTICS_CONFIG_SCHEMAS,
  type AnalyticsConfig,
  type AnalyticsConfigKind,
  parseAnalyticsConfig,
} from "@dangol/domain/analytics";
import type { ClientBase } from "pg";

/** The settings in force: the highest version of each kind, defaults for kinds never stored. */
export async function loadAnalyticsConfig(client: ClientBase): Promise<AnalyticsConfig> {
  const { rows } = await client.query<{ kind: string; value: unknown }>(
    "SELECT DISTINCT ON (kind) kind, value FROM analytics_config ORDER BY kind, version DESC",
  );
  return parseAnalyticsConfig(Object.fromEntries(rows.map((r) => [r.kind, r.value])));
}

/**
 * Stores a new version of one kind after checking it against the domain schema. The unique
 * (kind, version) makes two concurrent saves collide instead of both becoming "version n+1".
 */
export async function saveAnalyticsConfig(
  client: ClientBase,
  kind: AnalyticsConfigKind,
  value: unknown,
  createdBy: string,
  note?: string,
): Promise<{ version: number }> {
  const parsed = ANALYTICS_CONFIG_SCHEMAS[kind].parse(value);
  const { rows } = await client.query<{ version: number }>(
    `INSERT INTO analytics_config (kind, version, value, created_by, note)
     SELECT $1::varchar, coalesce(max(version), 0) + 1, $2::jsonb, $3, $4 FROM analytics_config WHERE kind = $1::varchar
     RETURNING version`,
    [kind, JSON.stringify(parsed), createdBy, note ?? null],
  );
  return { version: rows[0]!.version };
}
