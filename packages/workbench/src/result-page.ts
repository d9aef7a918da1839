import { Prisma, type PrismaClient } from "@dangol/db/client";
import { z } from "zod";
import { type ExportFormat, exportFileName, resultToCsv, resultToXlsx } from "./export.ts";
import type { ResultColumn } from "./index.ts";
import { loadVisibleRun } from "./runs.ts";
import { parseInput, WorkbenchInputError, type WorkbenchUser } from "./service-errors.ts";

const pageSchema = z
  .object({
    page: z.number().int().min(1, "page starts at 1").default(1),
    pageSize: z.number().int().min(1).max(500, "a page has at most 500 rows").default(100),
    /** Index of the column to sort by; none = the order the query returned. */
    sort: z.number().int().min(0).optional(),
    dir: z.enum(["asc", "desc"]).default("asc"),
  })
  .strict();

export type ResultPage = {
  columns: ResultColumn[];
  rows: unknown[][];
  total: number;
  page: number;
  pageSize: number;
};

/**
 * One page of a stored result, sorted in SQL over the run's jsonb rows so the web never holds
 * 100,000 rows: numbers sort as numbers, everything else as text, nulls last either way, ties
 * in the query's own order. Unsorted pages are a jsonpath slice of the array (no sort at all).
 */
export async function queryRunPage(
  prisma: PrismaClient,
  runId: string | bigint,
  user: WorkbenchUser,
  options: z.input<typeof pageSchema> = {},
): Promise<ResultPage> {
  const { page, pageSize, sort, dir } = parseInput(pageSchema, options);
  const run = await loadVisibleRun(prisma, runId, user);
  const columns = (run.columns ?? []) as unknown as ResultColumn[];
  const total = run.rowCount ?? 0;
  if (run.status !== "SUCCEEDED" || total === 0) return { columns, rows: [], total, page, pageSize };
  const offset = (page - 1) * pageSize;
  if (sort === undefined) {
    const path = `$[${offset} to ${offset + pageSize - 1}]`;
    const [slice] = await prisma.$queryRaw<{ rows: unknown[][] | null }[]>`
      SELECT jsonb_path_query_array(rows, ${path}::jsonpath) AS rows FROM query_run WHERE id = ${run.id}`;
    return { columns, rows: slice?.rows ?? [], total, page, pageSize };
  }
  const column = columns[sort];
  if (!column) throw new WorkbenchInputError(`sort: the result has no column ${sort}`, "sort");
  const cell = Prisma.sql`r.value -> ${sort}::int`;
  const key =
    column.type === "number"
      ? Prisma.sql`CASE WHEN jsonb_typeof(${cell}) = 'number' THEN (${cell})::numeric
          WHEN jsonb_typeof(${cell}) = 'string' AND ${cell} #>> '{}' ~ '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$'
            THEN (${cell} #>> '{}')::numeric END`
      : Prisma.sql`${cell} #>> '{}'`;
  const direction = dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await prisma.$queryRaw<{ value: unknown[] }[]>`
    SELECT r.value
    FROM query_run q CROSS JOIN LATERAL jsonb_array_elements(q.rows) WITH ORDINALITY AS r(value, ord)
    WHERE q.id = ${run.id}
    ORDER BY ${key} ${direction} NULLS LAST, r.ord
    LIMIT ${pageSize} OFFSET ${offset}`;
  return { columns, rows: rows.map((row) => row.value), total, page, pageSize };
}

/** Every stored row of a finished run (not one page) as a download. */
export async function exportQueryRun(
  prisma: PrismaClient,
  runId: string | bigint,
  user: WorkbenchUser,
  format: ExportFormat,
): Promise<{ fileName: string; contentType: string; body: string | Buffer }> {
  const run = await loadVisibleRun(prisma, runId, user);
  if (run.status !== "SUCCEEDED")
    throw new WorkbenchInputError("Only a finished run's result can be exported.", "runId");
  const { rows } = await prisma.queryRun.findUniqueOrThrow({ where: { id: run.id }, select: { rows: true } });
  const result = { columns: (run.columns ?? []) as unknown as ResultColumn[], rows: (rows ?? []) as unknown[][] };
  const fileName = exportFileName(run.query?.title ?? `run-${run.id}`, run.finishedAt ?? run.createdAt, format);
  return format === "csv"
    ? { fileName, contentType: "text/csv; charset=utf-8", body: resultToCsv(result) }
    : {
        fileName,
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body: await resultToXlsx(result),
      };
}
