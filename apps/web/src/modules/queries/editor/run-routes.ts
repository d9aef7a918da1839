import { writeAudit } from "@dangol/db/audit";
import { getPrisma } from "@dangol/db/client";
import type { Role } from "@dangol/domain";
import { WORKBENCH_DEFAULTS } from "@dangol/workbench";
import { exportQueryRun, getQueryRun, queryRunPage, type WorkbenchUser } from "@dangol/workbench/services";
import { NextResponse } from "next/server";
import type { Session } from "next-auth";
import { attachmentHeader } from "@/modules/data/csv";
import {
  exportQuerySchema,
  type RowsPage,
  rowsPageSchema,
  rowsQuerySchema,
  runIdSchema,
  runStatusSchema,
  SERVICE_PAGE_LIMIT,
} from "./run-types.ts";
import { forRoute } from "./service-errors.ts";

const noStore = { "Cache-Control": "no-store" };

function userOf(session: Session): WorkbenchUser {
  return { id: session.user.id, email: session.user.email, role: session.user.role as Role };
}

function invalid(message: string): Response {
  return NextResponse.json({ error: "invalid", message }, { status: 400, headers: noStore });
}

type RunContext = { params: Promise<{ id: string }>; session: Session };

async function runId(context: RunContext): Promise<string | null> {
  const parsed = runIdSchema.safeParse((await context.params).id);
  return parsed.success ? parsed.data : null;
}

/** GET /api/queries/runs/[id]: status, counts and error; polled while the run is under way. */
export async function runStatusResponse(_request: Request, context: RunContext): Promise<Response> {
  const id = await runId(context);
  if (!id) return invalid("run id is a number");
  return forRoute(async () => {
    const run = await getQueryRun(getPrisma(), id, userOf(context.session));
    const body = runStatusSchema.parse({
      id: run.id,
      status: run.status,
      error: run.error,
      errorKind: run.errorKind,
      errorPosition: run.errorPosition,
      rowCount: run.rowCount,
      rowCap: WORKBENCH_DEFAULTS.rowCap,
      truncated: run.truncated,
      durationMs: run.durationMs,
      columns: run.columns,
      createdAt: run.createdAt.toISOString(),
    });
    return NextResponse.json(body, { headers: noStore });
  });
}

/** GET …/rows?page&pageSize&sort&dir: one page of the stored result, sorted on the server. */
export async function runRowsResponse(request: Request, context: RunContext): Promise<Response> {
  const id = await runId(context);
  if (!id) return invalid("run id is a number");
  const query = rowsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return invalid(query.error.issues[0]?.message ?? "invalid paging");
  const { page, pageSize, sort, dir } = query.data;
  return forRoute(async () => {
    const user = userOf(context.session);
    // A larger page is read as consecutive service pages (the schema makes it a multiple of them).
    const chunk = Math.min(pageSize, SERVICE_PAGE_LIMIT);
    const firstChunk = ((page - 1) * pageSize) / chunk + 1;
    const chunks = Math.ceil(pageSize / chunk);
    const rows: unknown[][] = [];
    let head: Pick<RowsPage, "columns" | "rowCount"> = { columns: [], rowCount: 0 };
    for (let i = 0; i < chunks; i += 1) {
      const part = await queryRunPage(getPrisma(), id, user, {
        page: firstChunk + i,
        pageSize: chunk,
        ...(sort === undefined ? {} : { sort }),
        dir,
      });
      head = { columns: part.columns, rowCount: part.total };
      rows.push(...part.rows);
      if (part.rows.length < chunk) break;
    }
    const result: RowsPage = { ...head, rows, page, pageSize };
    return NextResponse.json(rowsPageSchema.parse(result), { headers: noStore });
  });
}

/** GET …/export?format=csv|xlsx: the whole stored result as a file, audited. */
export async function runExportResponse(request: Request, context: RunContext): Promise<Response> {
  const id = await runId(context);
  if (!id) return invalid("run id is a number");
  const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return invalid("format is csv or xlsx");
  return forRoute(async () => {
    const user = userOf(context.session);
    const file = await exportQueryRun(getPrisma(), id, user, query.data.format);
    await writeAudit(getPrisma(), {
      actor: { id: user.id, email: user.email, role: user.role, storeId: context.session.user.storeId },
      action: "query.export",
      targetType: "query_run",
      targetId: id,
      details: { format: query.data.format, fileName: file.fileName },
    });
    const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
    return new Response(body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": attachmentHeader(file.fileName),
        "X-Content-Type-Options": "nosniff",
        ...noStore,
      },
    });
  });
}
