import pg from "pg";

export interface CatalogColumn {
  name: string;
  /** As Postgres spells it (format_type), e.g. "numeric(14,2)", "text[]". */
  type: string;
  comment: string | null;
}

export interface CatalogView {
  name: string;
  comment: string | null;
  columns: CatalogColumn[];
}

interface CatalogRow {
  view: string;
  view_comment: string | null;
  column: string;
  type: string;
  column_comment: string | null;
}

/**
 * The analytics views with their columns and COMMENTs, read from pg_catalog so the in-app docs
 * and the editor's completion always describe the schema the migrations actually built.
 * Views by name, columns in their declared order.
 */
export async function loadAnalyticsCatalog(client: pg.ClientBase | string): Promise<CatalogView[]> {
  if (typeof client === "string") {
    const own = new pg.Client({ connectionString: client });
    await own.connect();
    try {
      return await loadAnalyticsCatalog(own);
    } finally {
      await own.end();
    }
  }
  const { rows } = await client.query<CatalogRow>(
    `SELECT c.relname AS view,
            obj_description(c.oid, 'pg_class') AS view_comment,
            a.attname AS column,
            format_type(a.atttypid, a.atttypmod) AS type,
            col_description(c.oid, a.attnum) AS column_comment
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'analytics' AND c.relkind = 'v'
      ORDER BY c.relname, a.attnum`,
  );
  const views = new Map<string, CatalogView>();
  for (const row of rows) {
    let view = views.get(row.view);
    if (!view) {
      view = { name: row.view, comment: row.view_comment, columns: [] };
      views.set(row.view, view);
    }
    view.columns.push({ name: row.column, type: row.type, comment: row.column_comment });
  }
  return [...views.values()];
}
