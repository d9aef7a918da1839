import { z } from "zod";

/**
 * What the run routes answer, parsed again on both sides: the route re-parses so no stored field
 * leaks (the run row also holds the SQL, the asker and every result row), the browser so a
 * changed server never renders garbage.
 */
export const RUN_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const resultColumnSchema = z.object({
  name: z.string(),
  type: z.enum(["number", "text", "date", "timestamp", "boolean", "json", "array"]),
});
export type ResultColumnView = z.infer<typeof resultColumnSchema>;

export const runStatusSchema = z.object({
  id: z.string(),
  status: z.enum(RUN_STATUSES),
  error: z.string().nullable(),
  /** what kind of failure, for a headline in the reader's language (the message stays Postgres's) */
  errorKind: z.string().nullable(),
  /** 1-based offset in the SQL as written, when Postgres named one. */
  errorPosition: z.number().int().positive().nullable(),
  rowCount: z.number().int().nullable(),
  rowCap: z.number().int(),
  truncated: z.boolean(),
  durationMs: z.number().int().nullable(),
  columns: z.array(resultColumnSchema).nullable(),
  createdAt: z.string(),
});
export type RunStatusView = z.infer<typeof runStatusSchema>;

export const rowsPageSchema = z.object({
  columns: z.array(resultColumnSchema),
  rows: z.array(z.array(z.unknown())),
  rowCount: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RowsPage = z.infer<typeof rowsPageSchema>;

/** The chart reads at most this many rows of a result, in one request. */
export const CHART_ROW_LIMIT = 2_000;

/** queryRunPage serves at most this many rows per call; a chart's 2,000 are read in a few calls. */
export const SERVICE_PAGE_LIMIT = 500;

export const rowsQuerySchema = z.object({
  page: z.coerce.number().int().min(1, "page starts at 1").default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(CHART_ROW_LIMIT, `pageSize is at most ${CHART_ROW_LIMIT}`)
    .refine(
      (n) => n <= SERVICE_PAGE_LIMIT || n % SERVICE_PAGE_LIMIT === 0,
      `above ${SERVICE_PAGE_LIMIT}, pageSize is a multiple of it`,
    )
    .default(50),
  sort: z.coerce.number().int().min(0, "sort is a column index").optional(),
  dir: z.enum(["asc", "desc"]).default("asc"),
});

export const exportQuerySchema = z.object({ format: z.enum(["csv", "xlsx"]) });

/** Run ids are bigint row ids, passed around as decimal text. */
export const runIdSchema = z.string().regex(/^\d{1,18}$/, "run id is a number");
